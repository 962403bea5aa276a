using Durq.Core.FlowControl;
using Durq.Core.Keys;
using Durq.Core.Metrics;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Storage.Dialect;

/// <summary>
/// The SQL a write runs, one operation per statement file of each dialect (<c>Sql/{name}.sql</c>, same name). Each is
/// one statement's work: it changes exactly what its SQL says, from the states its SQL names, and decides nothing.
/// </summary>
internal interface IWriteOperations
{
    ValueTask<DurqTask?> GetTaskAsync(string tenant, Guid taskId);

    /// <summary>Rewrites one row as it is: a real write that changes nothing, to see whether the storage takes writes.</summary>
    ValueTask ProbeWriteAsync();

    /// <summary>The ids among <paramref name="taskIds"/> that name a task of the tenant.</summary>
    ValueTask<HashSet<Guid>> ExistingTasksAsync(string tenant, IReadOnlyCollection<Guid> taskIds);

    ValueTask<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string tenant, string key);

    /// <summary>Takes the key for these tasks; false when another request holds it already.</summary>
    ValueTask<bool> InsertIdempotencyKeyAsync(string tenant, IdempotencyKey key, IReadOnlyList<Guid> taskIds, DateTimeOffset now);

    /// <summary>Inserts the request's tasks, now or at <see cref="IWriteSession.FlushTaskInsertsAsync"/>.</summary>
    ValueTask InsertTasksAsync(EnqueueParams request);

    /// <summary>
    /// pending → claimed, in claim order (priority descending, visible_at, id): at most <see cref="ClaimParams.MaxTasks"/>
    /// in all and each quota's <see cref="TypeQuota.MaxTasks"/> of its type (one quota per distinct type).
    /// </summary>
    ValueTask<IReadOnlyList<DurqTask>> ClaimTasksAsync(ClaimParams request, IReadOnlyList<TypeQuota> quotas);

    /// <summary>
    /// The stored rows of these activity types (none for a type that has none). It may be a write's first statement with
    /// the batch's count locks still deferred and tasks gathered for the shared insert (<see cref="Writing.Write.DefersLocksAndInserts"/>):
    /// it takes the locks and writes the tasks first.
    /// </summary>
    ValueTask<IReadOnlyList<ActivityTypeState>> GetActivityTypesAsync(string tenant, IReadOnlyList<string> activityTypes);

    /// <summary>The stored rows of these activity types, locked where the dialect locks rows (a completion writes them back).</summary>
    ValueTask<IReadOnlyList<ActivityTypeState>> LockActivityTypesAsync(string tenant, IReadOnlyList<string> activityTypes);

    /// <summary>The claimed tasks of each of these types (a type with none is missing).</summary>
    ValueTask<IReadOnlyDictionary<string, int>> CountClaimedAsync(string tenant, IReadOnlyList<string> activityTypes);

    /// <summary>Writes the activity type's row as given, made if it has none.</summary>
    ValueTask SaveActivityTypeAsync(ActivityTypeState type);

    /// <summary>The renewed lease, or null when the lease is not live.</summary>
    ValueTask<TaskLease?> HeartbeatTaskAsync(HeartbeatTaskParams request);

    /// <summary>claimed → completed under a live lease; null when refused.</summary>
    ValueTask<DurqTask?> CompleteTaskAsync(CompleteTaskParams request);

    /// <summary>
    /// Each completion in list order, each as <see cref="CompleteTaskAsync"/> would: the completed task's activity type
    /// and the time its run was claimed where it completed its task, null where it was refused.
    /// </summary>
    ValueTask<CompletedTask?[]> CompleteTasksAsync(CompleteTasksParams request);

    /// <summary>The task if it is claimed under this live lease (locked where the dialect locks rows).</summary>
    ValueTask<DurqTask?> GetLeasedTaskAsync(string tenant, Guid taskId, Guid leaseId, DateTimeOffset now);

    /// <summary>Writes a failed attempt; answers the rows changed (0 when the lease is no longer the one read).</summary>
    ValueTask<int> RecordFailureAsync(FailureRecord failure);

    /// <summary>The tenants of the first expired leases, read before anything is locked.</summary>
    ValueTask<IReadOnlyList<string>> SelectExpiredTenantsAsync(DateTimeOffset now, int limit);

    ValueTask<IReadOnlyList<DurqTask>> SelectExpiredLeasesAsync(DateTimeOffset now, int limit, IReadOnlyList<string> tenants);

    /// <summary>The tenants of the first pending tasks past their expiry, read before anything is locked.</summary>
    ValueTask<IReadOnlyList<string>> SelectExpiringTenantsAsync(DateTimeOffset now, int limit);

    ValueTask<IReadOnlyList<DurqTask>> SelectExpiringTasksAsync(DateTimeOffset now, int limit, IReadOnlyList<string> tenants);

    /// <summary>pending → dead with the history given (the record's status is <c>dead</c>); answers the rows changed.</summary>
    ValueTask<int> ExpireTaskAsync(FailureRecord expiry);

    /// <summary>pending → cancelled; null when the task is not pending.</summary>
    ValueTask<DurqTask?> CancelPendingTaskAsync(CancelTaskParams request);

    /// <summary>Flags a claimed task for cancellation; null when the task is not claimed.</summary>
    ValueTask<DurqTask?> RequestCancelOfClaimedTaskAsync(CancelTaskParams request);

    /// <summary>dead → pending; null when the task is not dead.</summary>
    ValueTask<DurqTask?> RetryDeadTaskAsync(RetryDeadTaskParams request);

    /// <summary>dead → pending for up to <paramref name="limit"/> matching tasks; answers the activity type of each.</summary>
    ValueTask<IReadOnlyList<string>> RetryDeadTasksAsync(RetryDeadTasksParams request, int limit);

    /// <summary>Deletes up to <paramref name="limit"/> matching dead tasks; answers how many.</summary>
    ValueTask<int> PurgeDeadTasksAsync(PurgeDeadTasksParams request, int limit);

    /// <summary>Deletes a task that is not claimed; answers the state it was in, or null when nothing was deleted.</summary>
    ValueTask<DurqTaskStatus?> DeleteTaskAsync(string tenant, Guid taskId);

    ValueTask<int> PurgeFinishedTasksAsync(DateTimeOffset finishedBefore, DateTimeOffset deadBefore, int limit);

    ValueTask<int> PurgeIdempotencyKeysAsync(DateTimeOffset before, int limit);

    ValueTask<int> PurgeStoppedWorkersAsync(DateTimeOffset before, int limit);

    /// <summary>Deletes up to <paramref name="limit"/> schedule executions recorded before <paramref name="before"/>.</summary>
    ValueTask<int> PurgeScheduleExecutionsAsync(DateTimeOffset before, int limit);

    /// <summary>How many workers the tenant has registered, and whether <paramref name="workerId"/> is one of them.</summary>
    ValueTask<WorkerHeadcount> CountWorkersAsync(string tenant, string workerId, DateTimeOffset stoppedBefore);

    /// <summary>Deletes the tenant's workers silent since before <paramref name="stoppedBefore"/>; answers how many.</summary>
    ValueTask<int> DeleteStoppedWorkersAsync(string tenant, DateTimeOffset stoppedBefore);

    ValueTask<Worker> UpsertWorkerAsync(RegisterWorkerParams request);

    ValueTask<Worker?> HeartbeatWorkerAsync(WorkerHeartbeatParams request);

    ValueTask<Worker?> SetWorkerDrainingAsync(SetWorkerDrainingParams request);

    ValueTask<int> DeleteWorkerAsync(string tenant, string workerId);

    /// <summary>Hands the worker's claimed tasks back (pending, or cancelled when that was requested).</summary>
    ValueTask<IReadOnlyList<ReleasedTask>> ReleaseWorkerTasksAsync(DeregisterWorkerParams request);

    /// <summary>Inserts a new schedule; false when the tenant has one of that name (nothing is written).</summary>
    ValueTask<bool> InsertScheduleAsync(Schedule schedule);

    ValueTask<Schedule?> GetScheduleByNameAsync(string tenant, string name);

    /// <summary>The schedule, locked where the dialect locks rows (a fire on another node waits for this one).</summary>
    ValueTask<Schedule?> LockScheduleAsync(string tenant, Guid scheduleId);

    /// <summary>Writes the schedule's row as given.</summary>
    ValueTask SaveScheduleAsync(Schedule schedule);

    /// <summary>Deletes the schedule and its executions; false when the tenant has no such schedule.</summary>
    ValueTask<bool> DeleteScheduleAsync(string tenant, Guid scheduleId);

    /// <summary>Records a handled fire time; false when that (schedule, kind, time) was handled already (nothing is written).</summary>
    ValueTask<bool> InsertScheduleExecutionAsync(string tenant, ScheduleExecution execution);

    /// <summary>Marks the worker's silence, if it is still silent at <paramref name="lastHeartbeatAt"/> and not marked; answers whether it did.</summary>
    ValueTask<bool> NoteWorkerSilenceAsync(string tenant, string workerId, DateTimeOffset lastHeartbeatAt);

    /// <summary>Inserts the sample unless its tenant's bucket has one; answers whether it did.</summary>
    ValueTask<bool> InsertSampleAsync(MetricSample sample);

    /// <summary>Deletes the tenant's samples of buckets that start before <paramref name="before"/>; answers how many.</summary>
    ValueTask<int> DeleteSamplesAsync(string tenant, DateTimeOffset before);

    ValueTask InsertApiKeyAsync(ApiKey key);

    ValueTask<ApiKey?> GetApiKeyAsync(string tenant, string keyId);

    /// <summary>Not revoked → revoked; null when the tenant has no such key or it is revoked already.</summary>
    ValueTask<ApiKey?> RevokeApiKeyAsync(RevokeApiKeyParams request);
}

/// <summary>An idempotency key as stored: the fingerprint of the request that took it, and that request's task ids.</summary>
internal sealed record StoredIdempotencyKey(string RequestFingerprint, IReadOnlyList<Guid> TaskIds);

/// <summary>One failed attempt to write: the state the task moves to and its error history as JSON.</summary>
internal sealed record FailureRecord(
    Guid TaskId, Guid? LeaseId, DateTimeOffset Now, DurqTaskStatus Status, DateTimeOffset? VisibleAt, string ErrorsJson, string LastErrorJson);

/// <summary>
/// A tenant's registered workers: all of them, the live ones (heard from since the stopped-before time), the oldest
/// heartbeat among the live ones, and whether the worker asking is registered already.
/// </summary>
internal sealed record WorkerHeadcount(int Registered, int Live, DateTimeOffset? OldestLiveHeartbeat, bool IncludesWorker);

/// <summary>A task a leaving worker handed back, in the state it is now in.</summary>
internal sealed record ReleasedTask(Guid TaskId, string ActivityType, DurqTaskStatus Status);

/// <summary>The most tasks of one activity type a claim takes.</summary>
internal sealed record TypeQuota(string ActivityType, int MaxTasks);

/// <summary>A task a batch completion completed: its activity type (for the event stream) and when the run it ends was claimed (for metrics).</summary>
internal readonly record struct CompletedTask(string ActivityType, DateTimeOffset ClaimedAt);
