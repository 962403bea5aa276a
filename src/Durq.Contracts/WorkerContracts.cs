namespace Durq.Contracts;

/// <summary>Body of <c>PUT /workers/{worker_id}</c>.</summary>
public sealed record RegisterWorkerRequest
{
    public required IReadOnlyList<string> ActivityTypes { get; init; }
    /// <summary>Most tasks the worker runs at once. Default 1.</summary>
    public int? MaxConcurrency { get; init; }
    public string? WorkerGroup { get; init; }
    public string? Hostname { get; init; }
    public string? Version { get; init; }
}

/// <summary>A worker as <c>GET /workers</c> shows it. <c>status</c> is <c>active</c>, <c>draining</c> or <c>stopped</c>.</summary>
public sealed record WorkerResource
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> ActivityTypes { get; init; }
    public required int MaxConcurrency { get; init; }
    public string? WorkerGroup { get; init; }
    public string? Hostname { get; init; }
    public string? Version { get; init; }
    public required int CurrentLoad { get; init; }
    public required string Status { get; init; }
    public required bool Draining { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required DateTimeOffset LastHeartbeatAt { get; init; }
}

/// <summary>Body of <c>POST /workers/{worker_id}/heartbeat</c>.</summary>
public sealed record WorkerHeartbeatRequest(int CurrentLoad);

/// <summary>Answer of a worker heartbeat: a draining worker should stop claiming and finish what it holds.</summary>
public sealed record WorkerHeartbeatResponse(bool Draining);

/// <summary>
/// Answer of <c>GET /workers</c>: a page of workers in id order, and a <c>summary</c> of all the tenant's
/// workers; <c>next_cursor</c> is omitted on the last page.
/// </summary>
public sealed record WorkerListResponse(IReadOnlyList<WorkerResource> Data, WorkerSummary Summary)
{
    /// <summary>Pass as <c>cursor</c> for the next page.</summary>
    public string? NextCursor { get; init; }
}

/// <summary>Counts over all workers; capacity and load count active workers only.</summary>
public sealed record WorkerSummary(int Active, int Draining, int Stopped, int TotalCapacity, int TotalLoad);

/// <summary>Answer of <c>DELETE /workers/{worker_id}</c>.</summary>
public sealed record DeregisterWorkerResponse(int ReleasedTasks);

/// <summary>Body of <c>POST /tasks/claim</c>.</summary>
public sealed record ClaimTasksRequest
{
    public required string WorkerId { get; init; }
    public required IReadOnlyList<string> ActivityTypes { get; init; }
    /// <summary>Most tasks to hand out, 1–500. Default 1.</summary>
    public int? MaxTasks { get; init; }

    /// <summary>How long to wait for work when none is ready, 0–30000 ms. Default 0.</summary>
    public int? WaitMs { get; init; }
}

/// <summary>Answer of a claim: possibly empty when <c>wait_ms</c> ran out.</summary>
public sealed record ClaimTasksResponse(IReadOnlyList<ClaimedTaskResource> Tasks);

/// <summary>A task handed to a worker, with the lease it must present.</summary>
public sealed record ClaimedTaskResource
{
    public required string Id { get; init; }
    public required string ActivityType { get; init; }
    public required RawJson Input { get; init; }
    public required int Attempt { get; init; }
    public required int MaxAttempts { get; init; }
    public required string LeaseId { get; init; }
    public required DateTimeOffset LeaseExpiresAt { get; init; }
    public required DateTimeOffset TimeoutAt { get; init; }
    public required int Priority { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Traceparent { get; init; }
}

/// <summary>Body of <c>POST /tasks/{id}/heartbeat</c>.</summary>
public sealed record TaskHeartbeatRequest
{
    public required string LeaseId { get; init; }
    public RawJson? Details { get; init; }
}

/// <summary>Answer of a task heartbeat.</summary>
public sealed record TaskHeartbeatResponse(DateTimeOffset LeaseExpiresAt, bool ShouldCancel);

/// <summary>Body of <c>POST /tasks/{id}/complete</c>.</summary>
public sealed record CompleteTaskRequest
{
    public required string LeaseId { get; init; }
    public RawJson? Result { get; init; }
}

/// <summary>Body of <c>POST /tasks/{id}/fail</c>.</summary>
public sealed record FailTaskRequest
{
    public required string LeaseId { get; init; }
    public required TaskErrorInput Error { get; init; }
    public bool? Retryable { get; init; }
}

/// <summary>The error a worker reports: a message and, optionally, a type (e.g. an exception's type name).</summary>
public sealed record TaskErrorInput(string Message, string? Type = null);

/// <summary>Answer of a fail: where the task went and, for a retry, when it may run again.</summary>
public sealed record FailTaskResponse(string Status, bool WillRetry, DateTimeOffset? NextVisibleAt);

/// <summary>
/// Body of <c>POST /dlq/retry</c>: the dead tasks of one activity type and/or one last error type, or every dead task
/// with <see cref="All"/>. One of the three must be given, so an empty body never retries the whole queue by accident.
/// </summary>
public sealed record RetryDeadTasksRequest
{
    public string? ActivityType { get; init; }

    /// <summary>The <c>type</c> of the task's last error, e.g. <c>TimeoutException</c> or <c>expired</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>True to act on every dead task (narrowed by the other members, when given).</summary>
    public bool? All { get; init; }
}

/// <summary>Body of <c>POST /dlq/purge</c>: which dead tasks to delete, chosen as for <see cref="RetryDeadTasksRequest"/>.</summary>
public sealed record PurgeDeadTasksRequest
{
    public string? ActivityType { get; init; }
    public string? ErrorType { get; init; }
    public bool? All { get; init; }
}

/// <summary>Answer of <c>POST /dlq/purge</c>.</summary>
public sealed record PurgeDeadTasksResponse(int Deleted);

/// <summary>Answer of <c>POST /dlq/retry</c>.</summary>
public sealed record RetryDeadTasksResponse(int Retried);

/// <summary>Answer of <c>GET /health</c>.</summary>
public sealed record HealthResponse
{
    /// <summary><c>healthy</c>, <c>warning</c> (dead tasks, or the queue near its cap) or <c>degraded</c> (work waiting, no active worker).</summary>
    public required string Status { get; init; }

    /// <summary>
    /// Why the status is not <c>healthy</c>, the gravest first (empty when it is): a storage fault (<c>storage_read_only</c>,
    /// <c>storage_full</c>, <c>storage_corrupt</c>), <c>no_active_workers</c>, <c>dead_tasks</c> or <c>queue_nearly_full</c>.
    /// </summary>
    public IReadOnlyList<HealthReason> Reasons { get; init; } = [];

    public required long PendingTasks { get; init; }
    public required long ClaimedTasks { get; init; }
    public required long DlqSize { get; init; }
    public required WorkerCounts Workers { get; init; }
    public required int TotalCapacity { get; init; }
    public required int TotalLoad { get; init; }
    public required long CompletedTasks { get; init; }
    public required long FailedAttempts { get; init; }
    public required long StartedTasks { get; init; }
}

/// <summary>One reason for a health status other than <c>healthy</c>: a stable code and a sentence for a person.</summary>
public sealed record HealthReason(string Code, string Detail);

/// <summary>Workers by status.</summary>
public sealed record WorkerCounts(int Active, int Draining, int Stopped);

/// <summary>Body of <c>POST /tasks/complete</c>: up to 500 completions, each under its own lease.</summary>
public sealed record CompleteTasksRequest(IReadOnlyList<TaskCompletionInput> Completions);

/// <summary>One completion of a batch.</summary>
public sealed record TaskCompletionInput
{
    public required string TaskId { get; init; }
    public required string LeaseId { get; init; }
    public RawJson? Result { get; init; }
}

/// <summary>Answer of <c>POST /tasks/complete</c>: one result per completion, in request order.</summary>
public sealed record CompleteTasksResponse(IReadOnlyList<CompletionResult> Results);

/// <summary>
/// One completion's fate: <c>completed</c>, or refused with the problem <c>code</c> (<c>lease_lost</c>,
/// <c>not_found</c>) and a <c>detail</c>, exactly as the single route would have answered; a refusal changed nothing.
/// </summary>
public sealed record CompletionResult(string TaskId, bool Completed, string? Code = null, string? Detail = null);

/// <summary>Answer of <c>GET /healthz</c>: the process is up and answering; nothing about the queue.</summary>
public sealed record LivenessResponse(string Status);
