namespace Durq.Contracts;

/// <summary>Body of <c>POST /api/v1/durable/tasks</c>.</summary>
public sealed record EnqueueTaskRequest(string ActivityType, RawJson Input, TaskOptionsContract? Options = null);

/// <summary>Task options as sent and as read back. On enqueue every member is optional; on a read every one is filled in.</summary>
public sealed record TaskOptionsContract
{
    public int? MaxAttempts { get; init; }
    public int? Priority { get; init; }
    public double? DelaySeconds { get; init; }
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Seconds from <see cref="RunAt"/> within which a worker must claim the task, else it expires (exclusive with <see cref="ExpiresAt"/>).</summary>
    public int? ScheduleToStartSeconds { get; init; }

    /// <summary>A task not claimed by this time goes to <c>dead</c> with error type <c>expired</c>; read back, the expiry in effect.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public int? TimeoutSeconds { get; init; }
    public int? HeartbeatTimeoutSeconds { get; init; }
    public RetryContract? Retry { get; init; }
}

/// <summary>The retry policy of a task.</summary>
public sealed record RetryContract
{
    public long? InitialIntervalMs { get; init; }
    public double? BackoffCoefficient { get; init; }
    public long? MaxIntervalMs { get; init; }
    public double? Jitter { get; init; }
    public IReadOnlyList<string>? NonRetryableErrorTypes { get; init; }
}

/// <summary>Answer of a single enqueue.</summary>
public sealed record EnqueueTaskResponse(string TaskId);

/// <summary>Body of <c>POST /api/v1/durable/tasks/batch</c>.</summary>
public sealed record EnqueueBatchRequest(IReadOnlyList<EnqueueTaskRequest> Tasks);

/// <summary>Answer of a batch enqueue: ids in request order.</summary>
public sealed record EnqueueBatchResponse(IReadOnlyList<string> TaskIds);

/// <summary>A task as <c>GET /tasks/{id}</c> returns it. Unset members are omitted.</summary>
public sealed record TaskResource
{
    public required string Id { get; init; }
    public required string ActivityType { get; init; }
    public RawJson? Input { get; init; }
    public required string Status { get; init; }
    public required int Priority { get; init; }
    public required int Attempt { get; init; }
    public required int MaxAttempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required DateTimeOffset VisibleAt { get; init; }
    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public DateTimeOffset? TimeoutAt { get; init; }
    public DateTimeOffset? LastHeartbeatAt { get; init; }
    public RawJson? HeartbeatDetails { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public RawJson? Result { get; init; }
    public RawJson? LastError { get; init; }
    public RawJson? Errors { get; init; }
    public required TaskOptionsContract Options { get; init; }
    public bool? CancelRequested { get; init; }
    public int? RequeueCount { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? Traceparent { get; init; }

    /// <summary>The schedule that enqueued the task, and the fire time it was enqueued for; omitted for other tasks.</summary>
    public string? ScheduleId { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
}

/// <summary>A page of tasks, newest first; <c>next_cursor</c> is omitted on the last page.</summary>
public sealed record TaskListResponse(IReadOnlyList<TaskResource> Data, string? NextCursor);

/// <summary>One failed attempt in a task's <c>errors</c> and <c>last_error</c>.</summary>
public sealed record TaskErrorResource(int Attempt, string Type, string Message, DateTimeOffset At)
{
    /// <summary>
    /// How many times the task had been retried from the dead-letter queue when this attempt ran (its
    /// <c>requeue_count</c> then); omitted before the first retry. Attempts count from 1 again after each retry, so
    /// this tells the rounds of the history apart.
    /// </summary>
    public int? Requeue { get; init; }
}

/// <summary>
/// Answer of <c>GET /tasks/{id}/explain</c>: the task's status, whether a claim of its type made now would take it, and
/// every reason it is where it is (<c>expired</c>, <c>not_due</c>, <c>in_backoff</c>, <c>activity_paused</c>, <c>concurrency_limit</c>,
/// <c>rate_limited</c>, <c>circuit_open</c>, <c>no_workers</c>, <c>workers_busy</c>, <c>workers_draining</c>,
/// <c>queued_behind</c>, <c>claimed</c>, <c>cancel_requested</c>, <c>completed</c>, <c>dead</c>, <c>cancelled</c>).
/// </summary>
public sealed record TaskExplanationResponse(string Status, bool Runnable, IReadOnlyList<ExplainReasonResource> Reasons);

/// <summary>One reason: its code, words for a person, when it ends by itself (if it knows), and its particulars.</summary>
public sealed record ExplainReasonResource(string Code, string Message, DateTimeOffset? Until = null, ExplainDetailsResource? Details = null);

/// <summary>The particulars of a reason; each member belongs to the reasons that set it.</summary>
public sealed record ExplainDetailsResource
{
    /// <summary><c>queued_behind</c>: claimable tasks of the type before this one in claim order.</summary>
    public long? Ahead { get; init; }

    /// <summary><c>concurrency_limit</c>: the limit, and the type's tasks claimed now.</summary>
    public int? MaxConcurrency { get; init; }
    public int? Claimed { get; init; }

    /// <summary><c>claimed</c>: the worker, its lease's end, its last heartbeat and the run's timeout.</summary>
    public string? WorkerId { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public DateTimeOffset? LastHeartbeatAt { get; init; }
    public DateTimeOffset? TimeoutAt { get; init; }
}
