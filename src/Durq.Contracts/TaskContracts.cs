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
