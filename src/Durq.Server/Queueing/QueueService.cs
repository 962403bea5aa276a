using Durq.Core.Errors;
using Durq.Core.Health;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Server.Hosting;
using Durq.Server.Observability;
using Durq.Server.Wakeups;
using Microsoft.Extensions.Options;

namespace Durq.Server.Queueing;

/// <summary>
/// The node's queue, as the API sees it: every task and worker operation, with the clock, the tenant and the queue's
/// policy (the cap, the claim poll) supplied here once, and claims that wait for work until a commit wakes them. The
/// handlers only parse a request, call one method, and map its answer. The node's counters are recorded here, from
/// what the store answered (docs/observability.md).
/// </summary>
internal sealed class QueueService(
    ITaskStore store, ClaimWakeups wakeups, RequestTenant tenant, TimeProvider time,
    IOptions<QueueOptions> queue, IOptions<WorkersOptions> workers, DurqMetrics metrics)
{
    /// <summary>The clock's time.</summary>
    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>The clock's time at the precision the store keeps.</summary>
    public DateTimeOffset Now => Rfc3339.ToStoredPrecision(time.GetUtcNow());

    /// <param name="now">The time the tasks were validated against, so <c>created_at</c> and <c>visible_at</c> agree.</param>
    public async Task<EnqueueResult> EnqueueAsync(
        IReadOnlyList<NewTask> tasks, IdempotencyKey? key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owner = tenant.Current;
        var result = await store.EnqueueAsync(new EnqueueParams(owner, tasks, key, queue.Value.MaxPendingFor(owner), now), cancellationToken);
        if (!result.Replayed)
        {
            metrics.Enqueued(owner, tasks);
        }

        return result;
    }

    public async Task<DurqTask> GetTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        await store.GetTaskAsync(tenant.Current, taskId, cancellationToken) ?? throw new NotFoundException("task", TaskIds.Format(taskId));

    public Task<TaskPage> ListTasksAsync(TaskFilter filter, CancellationToken cancellationToken) =>
        store.ListTasksAsync(
            new ListTasksParams(tenant.Current, filter.Status, filter.ActivityType, filter.Limit, filter.Cursor), cancellationToken);

    public Task<DurqTask> CancelTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        store.CancelTaskAsync(new CancelTaskParams(tenant.Current, taskId, UtcNow), cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="maxTasks"/> tasks; when there are none, waits up to <paramref name="wait"/> for a
    /// commit of this node (or an announcement of another) to wake it, looking again at least every poll interval.
    /// </summary>
    public async Task<IReadOnlyList<DurqTask>> ClaimAsync(
        string workerId, IReadOnlyList<string> activityTypes, int maxTasks, TimeSpan wait, CancellationToken cancellationToken)
    {
        var owner = tenant.Current;
        var deadline = time.GetUtcNow() + wait;
        var poll = TimeSpan.FromMilliseconds(workers.Value.ClaimPollIntervalMs);
        while (true)
        {
            // Taken before looking, so a task committed between the look and the wait still wakes this claim.
            var signal = wakeups.NextSignal(owner, activityTypes);
            var now = time.GetUtcNow();
            var request = new ClaimParams(owner, workerId, activityTypes, maxTasks, Rfc3339.ToStoredPrecision(now));
            var claimed = await store.ClaimTasksAsync(request, cancellationToken);
            var remaining = deadline - now;
            if (claimed.Count == 0 && remaining > TimeSpan.Zero)
            {
                claimed = await WaitForWorkAsync(request, signal, remaining < poll ? remaining : poll, cancellationToken);
            }

            // Tasks a hand-off leased are answered even to a caller that has gone, as a claim already running would be.
            if (claimed.Count > 0 || remaining <= TimeSpan.Zero)
            {
                metrics.Claimed(owner, claimed);
                return claimed;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Waits for a wake-up, for the poll's interval, or for a commit of this node that ran the claim with its own writes
    /// (<see cref="ITaskStore.WaitForHandOff"/>): what such a commit leased, else nothing, for the claim to look again.
    /// </summary>
    private async Task<IReadOnlyList<DurqTask>> WaitForWorkAsync(ClaimParams request, Task signal, TimeSpan wait, CancellationToken cancellationToken)
    {
        var handOff = store.WaitForHandOff(request, () => Now, cancellationToken);
        await Task.WhenAny(handOff.Claimed, signal, Task.Delay(wait, time, cancellationToken));
        if (handOff.TryWithdraw())
        {
            return [];
        }

        try
        {
            return await handOff.Claimed;
        }
        catch (StoreUnavailableException)
        {
            // The batch that took the claim failed; the claim looks again on its own, and meets the fault itself if it lasts.
            return [];
        }
    }

    public Task<TaskLease> HeartbeatTaskAsync(Guid taskId, Guid leaseId, string? detailsJson, CancellationToken cancellationToken) =>
        store.HeartbeatTaskAsync(new HeartbeatTaskParams(tenant.Current, taskId, leaseId, detailsJson, Now), cancellationToken);

    public async Task<DurqTask> CompleteTaskAsync(Guid taskId, Guid leaseId, string? resultJson, CancellationToken cancellationToken)
    {
        var owner = tenant.Current;
        var task = await store.CompleteTaskAsync(new CompleteTaskParams(owner, taskId, leaseId, resultJson, Now), cancellationToken);
        metrics.Completed(owner, task.ActivityType);
        return task;
    }

    public async Task<IReadOnlyList<CompletionOutcome>> CompleteTasksAsync(IReadOnlyList<TaskCompletion> completions, CancellationToken cancellationToken)
    {
        var owner = tenant.Current;
        var now = Now;
        var outcomes = await store.CompleteTasksAsync(new CompleteTasksParams(owner, completions, now), cancellationToken);
        metrics.Completed(owner, outcomes, now);
        return outcomes;
    }

    public async Task<FailureDecision> FailTaskAsync(
        Guid taskId, Guid leaseId, string? errorType, string message, bool retryable, CancellationToken cancellationToken)
    {
        var owner = tenant.Current;
        var now = Now;
        var decision = await store.FailTaskAsync(
            new FailTaskParams(owner, taskId, leaseId, errorType, message, retryable, now, Random.Shared.NextDouble()), cancellationToken);
        if (decision.ActivityType is { } activityType)
        {
            metrics.AttemptFailed(owner, activityType, errorType, decision.Status, decision.ClaimedAt, now);
        }

        return decision;
    }

    public Task<DurqTask> RetryDeadTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        store.RetryDeadTaskAsync(new RetryDeadTaskParams(tenant.Current, taskId, Now), cancellationToken);

    public Task<int> RetryDeadTasksAsync(DeadTaskFilter filter, CancellationToken cancellationToken) =>
        store.RetryDeadTasksAsync(new RetryDeadTasksParams(tenant.Current, filter.ActivityType, Now, filter.ErrorType), cancellationToken);

    public Task<int> PurgeDeadTasksAsync(DeadTaskFilter filter, CancellationToken cancellationToken) =>
        store.PurgeDeadTasksAsync(new PurgeDeadTasksParams(tenant.Current, filter.ActivityType, filter.ErrorType), cancellationToken);

    public async Task<Core.FlowControl.TaskExplanation> ExplainTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        await store.ExplainTaskAsync(tenant.Current, taskId, Now, cancellationToken) ?? throw new NotFoundException("task", TaskIds.Format(taskId));

    public Task DeleteTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        store.DeleteTaskAsync(new DeleteTaskParams(tenant.Current, taskId), cancellationToken);

    public Task<Worker> RegisterWorkerAsync(WorkerRegistration registration, CancellationToken cancellationToken) =>
        store.RegisterWorkerAsync(
            new RegisterWorkerParams(tenant.Current, registration.WorkerId, registration.ActivityTypes, registration.MaxConcurrency,
                registration.WorkerGroup, registration.Hostname, registration.Version, Now, workers.Value.MaxPerTenant),
            cancellationToken);

    public Task<Worker> HeartbeatWorkerAsync(string workerId, int currentLoad, CancellationToken cancellationToken) =>
        store.HeartbeatWorkerAsync(new WorkerHeartbeatParams(tenant.Current, workerId, currentLoad, Now), cancellationToken);

    public Task<IReadOnlyList<ReclaimedTask>> DeregisterWorkerAsync(string workerId, CancellationToken cancellationToken) =>
        store.DeregisterWorkerAsync(new DeregisterWorkerParams(tenant.Current, workerId, Now), cancellationToken);

    public Task<Worker> SetWorkerDrainingAsync(string workerId, bool draining, CancellationToken cancellationToken) =>
        store.SetWorkerDrainingAsync(new SetWorkerDrainingParams(tenant.Current, workerId, draining, Now), cancellationToken);

    /// <param name="after">The id after which the page starts (the previous page's last), or null for the first page.</param>
    public Task<WorkerPage> ListWorkersAsync(int limit, string? after, CancellationToken cancellationToken) =>
        store.ListWorkersAsync(new ListWorkersParams(tenant.Current, limit, after), cancellationToken);

    /// <summary>All the tenant's workers counted by status now, by the store (never by reading every worker).</summary>
    public Task<WorkerTotals> SummarizeWorkersAsync(CancellationToken cancellationToken) =>
        store.SummarizeWorkersAsync(tenant.Current, UtcNow, cancellationToken);

    /// <summary>The tenant's gauges and totals, its workers' summary, and the verdict of <see cref="HealthPolicy"/>.</summary>
    public async Task<QueueHealth> GetHealthAsync(CancellationToken cancellationToken)
    {
        var owner = tenant.Current;
        var stats = await store.GetStatsAsync(owner, cancellationToken);
        var workers = await SummarizeWorkersAsync(cancellationToken);
        var fault = await store.GetStorageFaultAsync(cancellationToken);
        return new QueueHealth(HealthPolicy.Assess(stats, workers.Capacity, queue.Value.MaxPendingFor(owner), fault), stats, workers);
    }
}

/// <summary>Which tasks a list shows: a status, an activity type, a page size and the cursor of the previous page.</summary>
internal sealed record TaskFilter(DurqTaskStatus? Status, string? ActivityType, int Limit, Guid? Cursor);

/// <summary>What a worker registers with.</summary>
internal sealed record WorkerRegistration(
    string WorkerId, IReadOnlyList<string> ActivityTypes, int MaxConcurrency, string? WorkerGroup, string? Hostname, string? Version);

/// <summary>A tenant's health: the verdict, and the gauges, totals and worker summary it rests on.</summary>
internal sealed record QueueHealth(HealthVerdict Verdict, QueueStats Stats, WorkerTotals Workers);
