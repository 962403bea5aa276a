using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Server.Tests;

/// <summary>A store that passes every call to a real one; tests override the calls they want to break.</summary>
internal class DelegatingTaskStore(ITaskStore inner) : ITaskStore
{
    public virtual string Description => inner.Description;

    public event EventHandler<WorkAvailable>? WorkCommitted
    {
        add => inner.WorkCommitted += value;
        remove => inner.WorkCommitted -= value;
    }

    public virtual Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public virtual Task<Durq.Core.Errors.StoreUnavailableException?> GetStorageFaultAsync(CancellationToken cancellationToken) =>
        inner.GetStorageFaultAsync(cancellationToken);

    public virtual Task<EnqueueResult> EnqueueAsync(EnqueueParams request, CancellationToken cancellationToken) => inner.EnqueueAsync(request, cancellationToken);

    public virtual Task<DurqTask?> GetTaskAsync(string tenant, Guid taskId, CancellationToken cancellationToken) => inner.GetTaskAsync(tenant, taskId, cancellationToken);

    public virtual Task<TaskPage> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken) => inner.ListTasksAsync(request, cancellationToken);

    public virtual Task<DurqTask> CancelTaskAsync(CancelTaskParams request, CancellationToken cancellationToken) => inner.CancelTaskAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<DurqTask>> ClaimTasksAsync(ClaimParams request, CancellationToken cancellationToken) => inner.ClaimTasksAsync(request, cancellationToken);

    public virtual IClaimHandOff WaitForHandOff(ClaimParams request, Func<DateTimeOffset> clock, CancellationToken cancellationToken) =>
        inner.WaitForHandOff(request, clock, cancellationToken);

    public virtual Task<TaskLease> HeartbeatTaskAsync(HeartbeatTaskParams request, CancellationToken cancellationToken) => inner.HeartbeatTaskAsync(request, cancellationToken);

    public virtual Task<DurqTask> CompleteTaskAsync(CompleteTaskParams request, CancellationToken cancellationToken) => inner.CompleteTaskAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<CompletionOutcome>> CompleteTasksAsync(CompleteTasksParams request, CancellationToken cancellationToken) => inner.CompleteTasksAsync(request, cancellationToken);

    public virtual Task<FailureDecision> FailTaskAsync(FailTaskParams request, CancellationToken cancellationToken) => inner.FailTaskAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<ReclaimedTask>> ReclaimExpiredAsync(ReclaimExpiredParams request, CancellationToken cancellationToken) => inner.ReclaimExpiredAsync(request, cancellationToken);

    public virtual Task<DurqTask> RetryDeadTaskAsync(RetryDeadTaskParams request, CancellationToken cancellationToken) => inner.RetryDeadTaskAsync(request, cancellationToken);

    public virtual Task<int> RetryDeadTasksAsync(RetryDeadTasksParams request, CancellationToken cancellationToken) => inner.RetryDeadTasksAsync(request, cancellationToken);

    public virtual Task<PurgeResult> PurgeAsync(PurgeParams request, CancellationToken cancellationToken) => inner.PurgeAsync(request, cancellationToken);

    public virtual Task<QueueStats> GetStatsAsync(string tenant, CancellationToken cancellationToken) => inner.GetStatsAsync(tenant, cancellationToken);

    public virtual Task<Worker> RegisterWorkerAsync(RegisterWorkerParams request, CancellationToken cancellationToken) => inner.RegisterWorkerAsync(request, cancellationToken);

    public virtual Task<Worker> HeartbeatWorkerAsync(WorkerHeartbeatParams request, CancellationToken cancellationToken) => inner.HeartbeatWorkerAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<ReclaimedTask>> DeregisterWorkerAsync(DeregisterWorkerParams request, CancellationToken cancellationToken) => inner.DeregisterWorkerAsync(request, cancellationToken);

    public virtual Task<Worker> SetWorkerDrainingAsync(SetWorkerDrainingParams request, CancellationToken cancellationToken) => inner.SetWorkerDrainingAsync(request, cancellationToken);

    public virtual Task<WorkerPage> ListWorkersAsync(ListWorkersParams request, CancellationToken cancellationToken) => inner.ListWorkersAsync(request, cancellationToken);

    public virtual Task<WorkerTotals> SummarizeWorkersAsync(string tenant, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.SummarizeWorkersAsync(tenant, now, cancellationToken);

    public virtual Task<IReadOnlyList<Worker>> NoteSilentWorkersAsync(NoteSilentWorkersParams request, CancellationToken cancellationToken) =>
        inner.NoteSilentWorkersAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<string>> ListSampledTenantsAsync(CancellationToken cancellationToken) => inner.ListSampledTenantsAsync(cancellationToken);

    public virtual Task<bool> RecordSampleAsync(RecordSampleParams request, CancellationToken cancellationToken) => inner.RecordSampleAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<Durq.Core.Metrics.MetricSample>> ListSamplesAsync(string tenant, DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.ListSamplesAsync(tenant, since, cancellationToken);

    public virtual Task<ActivityTypeState> SetActivityTypeAsync(SetActivityTypeParams request, CancellationToken cancellationToken) =>
        inner.SetActivityTypeAsync(request, cancellationToken);

    public virtual Task<ActivityTypeState> SetCircuitAsync(SetCircuitParams request, CancellationToken cancellationToken) =>
        inner.SetCircuitAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<ActivityTypeSummary>> ListActivityTypesAsync(string tenant, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ListActivityTypesAsync(tenant, now, cancellationToken);

    public virtual Task<int> PurgeDeadTasksAsync(PurgeDeadTasksParams request, CancellationToken cancellationToken) =>
        inner.PurgeDeadTasksAsync(request, cancellationToken);

    public virtual Task DeleteTaskAsync(DeleteTaskParams request, CancellationToken cancellationToken) =>
        inner.DeleteTaskAsync(request, cancellationToken);

    public virtual Task<TaskExplanation?> ExplainTaskAsync(string tenant, Guid taskId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ExplainTaskAsync(tenant, taskId, now, cancellationToken);

    public virtual Task<IReadOnlyList<ReclaimedTask>> ExpirePendingAsync(ExpirePendingParams request, CancellationToken cancellationToken) =>
        inner.ExpirePendingAsync(request, cancellationToken);
}
