using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Core.Storage;

/// <summary>
/// The one seam between the domain and a database. Each operation is named after what it does, takes one
/// params record, and is a single transition whose from-states are named in its SQL. Failures the caller can act
/// on surface as <see cref="Errors.DurqException"/>s; anything else is the store's own bug or outage.
/// </summary>
internal interface ITaskStore
{
    /// <summary>Where the data lives, for the start-up log (e.g. "SQLite at /var/durq/durq.db (WAL, synchronous=FULL)").</summary>
    string Description { get; }

    /// <summary>
    /// Raised after each commit, once for every activity type (and later due time) that the committed writes made
    /// claimable: enqueues, retries after a failure or an expired lease, DLQ retries, tasks a leaving worker released.
    /// Handlers run on the store's writer and must be quick.
    /// </summary>
    event EventHandler<WorkAvailable>? WorkCommitted;

    /// <summary>Creates the schema or brings it up to date. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The storage fault (<see cref="Errors.StorageFaults"/>: read-only, full, corrupt) that refuses writes now, or
    /// <c>null</c>. While one stands, a write that changes nothing is tried to see whether it still does.
    /// </summary>
    Task<Errors.StoreUnavailableException?> GetStorageFaultAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores all of <see cref="EnqueueParams.Tasks"/> or none, and returns only once they are durable.
    /// Throws <see cref="Errors.QueueFullException"/> when they would push the tenant past its cap and
    /// <see cref="Errors.IdempotencyKeyReusedException"/> when the key came with another request.
    /// </summary>
    Task<EnqueueResult> EnqueueAsync(EnqueueParams request, CancellationToken cancellationToken);

    /// <summary>The task, or <c>null</c> when the tenant has no task with that id.</summary>
    Task<DurqTask?> GetTaskAsync(string tenant, Guid taskId, CancellationToken cancellationToken);

    /// <summary>A page of tasks, newest first.</summary>
    Task<TaskPage> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken);

    /// <summary>
    /// Pending → cancelled at once; claimed → <c>cancel_requested</c>. Throws <see cref="Errors.NotFoundException"/>
    /// or <see cref="Errors.NotCancellableException"/> for missing or terminal tasks.
    /// </summary>
    Task<DurqTask> CancelTaskAsync(CancelTaskParams request, CancellationToken cancellationToken);

    /// <summary>
    /// pending → claimed for up to <see cref="ClaimParams.MaxTasks"/> visible tasks, in claim order (priority
    /// descending, visible_at, id); each gets a fresh lease. A draining worker gets none.
    /// </summary>
    Task<IReadOnlyList<DurqTask>> ClaimTasksAsync(ClaimParams request, CancellationToken cancellationToken);

    /// <summary>
    /// Leaves a claim that found nothing to take waiting in the store, for the next batch of this node that makes work
    /// of one of its activity types claimable now to run with its own writes (<see cref="IClaimHandOff"/>). The claim's
    /// time is <paramref name="clock"/>'s when that batch runs it. The caller still waits on its other wake-ups (other
    /// nodes' work, work due later, the poll) and withdraws the claim when one of them comes first.
    /// </summary>
    IClaimHandOff WaitForHandOff(ClaimParams request, Func<DateTimeOffset> clock, CancellationToken cancellationToken);

    /// <summary>Renews a live lease; throws <see cref="Errors.LeaseLostException"/> for an expired or replaced one.</summary>
    Task<TaskLease> HeartbeatTaskAsync(HeartbeatTaskParams request, CancellationToken cancellationToken);

    /// <summary>claimed → completed under a live lease (a completion wins over a cancel request).</summary>
    Task<DurqTask> CompleteTaskAsync(CompleteTaskParams request, CancellationToken cancellationToken);

    /// <summary>
    /// claimed → completed for each of several tasks, in the order given, in one write (one commit). Each completion is
    /// checked and applied on its own, exactly as <see cref="CompleteTaskAsync"/> would: a refused one changes nothing
    /// and does not stop the others.
    /// </summary>
    Task<IReadOnlyList<CompletionOutcome>> CompleteTasksAsync(CompleteTasksParams request, CancellationToken cancellationToken);

    /// <summary>claimed → pending (retry), dead or cancelled under a live lease, as <see cref="FailureDecision"/> decides.</summary>
    Task<FailureDecision> FailTaskAsync(FailTaskParams request, CancellationToken cancellationToken);

    /// <summary>Fails claimed tasks whose lease expired (<c>lease_expired</c>) or that ran too long (<c>timeout</c>).</summary>
    Task<IReadOnlyList<ReclaimedTask>> ReclaimExpiredAsync(ReclaimExpiredParams request, CancellationToken cancellationToken);

    /// <summary>pending → dead (<c>expired</c>) for tasks past their expiry that no worker claimed; answers them.</summary>
    Task<IReadOnlyList<ReclaimedTask>> ExpirePendingAsync(ExpirePendingParams request, CancellationToken cancellationToken);

    /// <summary>dead → pending; throws <see cref="Errors.NotDeadException"/> for any other state.</summary>
    Task<DurqTask> RetryDeadTaskAsync(RetryDeadTaskParams request, CancellationToken cancellationToken);

    /// <summary>dead → pending for every matching dead task; returns how many.</summary>
    Task<int> RetryDeadTasksAsync(RetryDeadTasksParams request, CancellationToken cancellationToken);

    /// <summary>Deletes every matching dead task, in slices; returns how many.</summary>
    Task<int> PurgeDeadTasksAsync(PurgeDeadTasksParams request, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a task in any state but claimed; throws <see cref="Errors.TaskClaimedException"/> for a claimed one and
    /// <see cref="Errors.NotFoundException"/> for none.
    /// </summary>
    Task DeleteTaskAsync(DeleteTaskParams request, CancellationToken cancellationToken);

    /// <summary>Deletes finished tasks and idempotency keys older than retention keeps, in one small batch.</summary>
    Task<PurgeResult> PurgeAsync(PurgeParams request, CancellationToken cancellationToken);

    Task<QueueStats> GetStatsAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>
    /// Registers the worker or refreshes its registration. A new worker id that would take the tenant past
    /// <see cref="RegisterWorkerParams.MaxWorkers"/> first takes the place of the tenant's stopped workers (as retention
    /// would remove them later); with none to take, it throws <see cref="Errors.WorkerLimitReachedException"/>. The cap
    /// is exact under concurrent registrations, on every node.
    /// </summary>
    Task<Worker> RegisterWorkerAsync(RegisterWorkerParams request, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat; throws <see cref="Errors.NotFoundException"/> for a worker that is not registered.</summary>
    Task<Worker> HeartbeatWorkerAsync(WorkerHeartbeatParams request, CancellationToken cancellationToken);

    /// <summary>Removes the worker; the tasks it holds go back to pending at once. Returns the released tasks.</summary>
    Task<IReadOnlyList<ReclaimedTask>> DeregisterWorkerAsync(DeregisterWorkerParams request, CancellationToken cancellationToken);

    Task<Worker> SetWorkerDrainingAsync(SetWorkerDrainingParams request, CancellationToken cancellationToken);

    /// <summary>A page of the tenant's workers, in id order.</summary>
    Task<WorkerPage> ListWorkersAsync(ListWorkersParams request, CancellationToken cancellationToken);

    /// <summary>Changes an activity type's settings (a type never set has none); answers the type as it is now.</summary>
    Task<FlowControl.ActivityTypeState> SetActivityTypeAsync(SetActivityTypeParams request, CancellationToken cancellationToken);

    /// <summary>Forces an activity type's breaker open or closed, or removes it; answers the type as it is now.</summary>
    Task<FlowControl.ActivityTypeState> SetCircuitAsync(SetCircuitParams request, CancellationToken cancellationToken);

    /// <summary>
    /// Every activity type the tenant has tasks of, settings for, or live workers for, by name, with its live counts.
    /// </summary>
    Task<IReadOnlyList<ActivityTypeSummary>> ListActivityTypesAsync(string tenant, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Why the task is where it is (<see cref="FlowControl.TaskExplainer"/>), or null when the tenant has no such task.</summary>
    Task<FlowControl.TaskExplanation?> ExplainTaskAsync(string tenant, Guid taskId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>All of the tenant's workers counted by their status at <paramref name="now"/>, in one aggregate query.</summary>
    Task<WorkerTotals> SummarizeWorkersAsync(string tenant, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the workers gone silent (no heartbeat for <see cref="Worker.StoppedAfter"/>) whose silence is not marked
    /// yet, and answers them: each silence is answered once in the cluster, to the one call that marked it. A worker
    /// that heartbeats again and then goes silent again is answered again.
    /// </summary>
    Task<IReadOnlyList<Worker>> NoteSilentWorkersAsync(NoteSilentWorkersParams request, CancellationToken cancellationToken);

    /// <summary>
    /// Every tenant with totals or workers, by name: those the time series samples (a tenant that never had a task or
    /// a worker has nothing to chart).
    /// </summary>
    Task<IReadOnlyList<string>> ListSampledTenantsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the tenant's sample of the bucket <see cref="RecordSampleParams.Now"/> falls in, unless one is stored
    /// already (every node samples; the first to write a bucket keeps it), and then deletes the tenant's samples no
    /// window reads any more. Answers whether this call stored the bucket's sample.
    /// </summary>
    Task<bool> RecordSampleAsync(RecordSampleParams request, CancellationToken cancellationToken);

    /// <summary>The tenant's samples taken at or after <paramref name="since"/>, in bucket order.</summary>
    Task<IReadOnlyList<Metrics.MetricSample>> ListSamplesAsync(string tenant, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Tasks to enqueue together.</summary>
/// <param name="Tenant">Owner of the tasks.</param>
/// <param name="Tasks">One or more validated tasks, stored all-or-nothing.</param>
/// <param name="Idempotency">The request's <c>Idempotency-Key</c> and body fingerprint, if it had a key.</param>
/// <param name="MaxPending">The tenant's cap on pending tasks; 0 means no cap.</param>
/// <param name="Now">The time of the write, from the injected clock.</param>
internal sealed record EnqueueParams(
    string Tenant, IReadOnlyList<NewTask> Tasks, IdempotencyKey? Idempotency, long MaxPending, DateTimeOffset Now);

/// <summary>An <c>Idempotency-Key</c> with the fingerprint of the request it came with.</summary>
internal sealed record IdempotencyKey(string Key, string RequestFingerprint);

/// <summary>The ids of the stored tasks, in request order; <see cref="Replayed"/> when an earlier request with the same key made them.</summary>
internal sealed record EnqueueResult(IReadOnlyList<Guid> TaskIds, bool Replayed);

/// <summary>Filters and paging for a task list.</summary>
/// <param name="Cursor">List only tasks older than this id (the last id of the previous page).</param>
internal sealed record ListTasksParams(
    string Tenant, DurqTaskStatus? Status, string? ActivityType, int Limit, Guid? Cursor);

/// <summary>One page; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record TaskPage(IReadOnlyList<DurqTask> Tasks, Guid? NextCursor);

/// <summary>A request to cancel one task.</summary>
internal sealed record CancelTaskParams(string Tenant, Guid TaskId, DateTimeOffset Now);
