namespace Durq.Core.Storage;

/// <summary>Claims up to <see cref="MaxTasks"/> visible pending tasks of the given activity types, in claim order.</summary>
internal sealed record ClaimParams(string Tenant, string WorkerId, IReadOnlyList<string> ActivityTypes, int MaxTasks, DateTimeOffset Now);

/// <summary>Renews the lease of a claimed task; <see cref="DetailsJson"/> is the worker's progress note, if any.</summary>
internal sealed record HeartbeatTaskParams(string Tenant, Guid TaskId, Guid LeaseId, string? DetailsJson, DateTimeOffset Now);

/// <summary>The renewed lease, and whether the task's cancellation was requested.</summary>
internal sealed record TaskLease(DateTimeOffset LeaseExpiresAt, bool ShouldCancel);

/// <summary>Completes a claimed task with what its worker returned.</summary>
internal sealed record CompleteTaskParams(string Tenant, Guid TaskId, Guid LeaseId, string? ResultJson, DateTimeOffset Now);

/// <summary>Records a failed attempt of a claimed task.</summary>
/// <param name="JitterDraw">A draw from [0, 1) for the retry delay's jitter.</param>
internal sealed record FailTaskParams(
    string Tenant, Guid TaskId, Guid LeaseId, string? ErrorType, string Message, bool Retryable, DateTimeOffset Now, double JitterDraw);

/// <summary>Fails every claimed task whose lease expired or that ran past its timeout, at most <see cref="MaxTasks"/>.</summary>
internal sealed record ReclaimExpiredParams(DateTimeOffset Now, int MaxTasks, Func<double> JitterDraw);

/// <summary>Moves every pending task past its expiry to dead (error type <c>expired</c>), at most <see cref="MaxTasks"/>.</summary>
internal sealed record ExpirePendingParams(DateTimeOffset Now, int MaxTasks);

/// <summary>A task the reaper took back, so the server can wake the claimers of its activity type and log why.</summary>
/// <param name="Reason">The error type the reclaim recorded (<c>lease_expired</c>, <c>timeout</c>, <c>expired</c>), for the log; null where none was recorded.</param>
/// <param name="WorkerId">The worker that held the task, when it was claimed.</param>
internal sealed record ReclaimedTask(
    string Tenant, Guid TaskId, string ActivityType, Tasks.DurqTaskStatus Status, DateTimeOffset? VisibleAt,
    string? Reason = null, string? WorkerId = null);

/// <summary>Dead → pending for one task: same id, attempt 0, requeue count + 1.</summary>
internal sealed record RetryDeadTaskParams(string Tenant, Guid TaskId, DateTimeOffset Now);

/// <summary>Dead → pending for every dead task of the tenant (of one activity type, and of one last error type, if given).</summary>
internal sealed record RetryDeadTasksParams(string Tenant, string? ActivityType, DateTimeOffset Now, string? ErrorType = null);

/// <summary>Deletes every dead task of the tenant (of one activity type, and of one last error type, if given).</summary>
internal sealed record PurgeDeadTasksParams(string Tenant, string? ActivityType, string? ErrorType);

/// <summary>Deletes one task that is not claimed.</summary>
internal sealed record DeleteTaskParams(string Tenant, Guid TaskId);

/// <summary>Deletes what retention no longer keeps, at most <see cref="BatchSize"/> rows of each kind per call.</summary>
internal sealed record PurgeParams(
    DateTimeOffset FinishedBefore, DateTimeOffset DeadBefore, DateTimeOffset IdempotencyKeysBefore,
    DateTimeOffset StoppedWorkersBefore, int BatchSize);

/// <summary>How many rows a purge deleted.</summary>
internal sealed record PurgeResult(int Tasks, int IdempotencyKeys, int Workers, int ScheduleExecutions = 0)
{
    public int Total => Tasks + IdempotencyKeys + Workers + ScheduleExecutions;
}

/// <summary>Live gauges and cumulative totals of one tenant's queue.</summary>
internal sealed record QueueStats(
    long PendingTasks, long ClaimedTasks, long DeadTasks, long CompletedTasks, long FailedAttempts, long StartedTasks);

/// <summary>Completes several claimed tasks in one write, each under its own lease; each succeeds or is refused alone.</summary>
internal sealed record CompleteTasksParams(string Tenant, IReadOnlyList<TaskCompletion> Completions, DateTimeOffset Now);

/// <summary>One task's completion: its lease, and what its worker returned (JSON text, or null for no result).</summary>
internal sealed record TaskCompletion(Guid TaskId, Guid LeaseId, string? ResultJson);

/// <summary>
/// How one completion of a batch ended: <see cref="Refusal"/> is null when the task is now completed, else the
/// problem code that refused it (<c>lease_lost</c> or <c>not_found</c>), which changed nothing.
/// </summary>
/// <param name="ActivityType">The completed task's activity type (for metrics); null when refused.</param>
/// <param name="ClaimedAt">When the run this completion ends was claimed (for the run-time histogram); null when refused.</param>
internal sealed record CompletionOutcome(Guid TaskId, string? Refusal, string? ActivityType = null, DateTimeOffset? ClaimedAt = null)
{
    public bool Completed => Refusal is null;
}
