namespace Durq.Core.Errors;

/// <summary>
/// A domain error: something the caller asked for that Durq refuses, with the problem code that names it.
/// Stores translate their own failures into these at their boundary; the HTTP layer turns them into problem documents.
/// </summary>
internal abstract class DurqException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>No task (or other resource) with that id exists for the tenant.</summary>
internal sealed class NotFoundException(string what, string id)
    : DurqException(ProblemCodes.NotFound, $"No {what} with id '{id}' exists.")
{
    public string What { get; } = what;
    public string Id { get; } = id;
}

/// <summary>The tenant's pending tasks have reached the cap.</summary>
internal sealed class QueueFullException(long pending, long cap, int retryAfterSeconds)
    : DurqException(ProblemCodes.QueueFull, $"{pending} tasks are pending; the cap is {cap}.")
{
    public long Pending { get; } = pending;
    public long Cap { get; } = cap;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>
/// The tenant has as many live workers registered as its cap allows, so a new worker id is refused (an id already
/// registered may always register again). Room is made as workers deregister or stop heartbeating.
/// </summary>
internal sealed class WorkerLimitReachedException(int registered, int cap, int retryAfterSeconds)
    : DurqException(ProblemCodes.WorkerLimitReached,
        $"{registered} workers are registered and heartbeating; the cap is {cap} per tenant (Workers:MaxPerTenant). " +
        "A new worker id is taken once one deregisters or has been silent for 60 seconds.")
{
    public int Registered { get; } = registered;
    public int Cap { get; } = cap;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>An <c>Idempotency-Key</c> came back with a different request body.</summary>
internal sealed class IdempotencyKeyReusedException(string key, Guid existingTaskId)
    : DurqException(ProblemCodes.IdempotencyKeyReused,
        $"The Idempotency-Key '{key}' was already used with a different request body; it created task {existingTaskId:D}.")
{
    public Guid ExistingTaskId { get; } = existingTaskId;
}

/// <summary>The task runs under a worker's lease, so it cannot be deleted now.</summary>
internal sealed class TaskClaimedException(Guid taskId)
    : DurqException(ProblemCodes.TaskClaimed,
        $"Task {taskId:D} is claimed: a worker is running it, so it cannot be deleted now. Cancel it, then delete it once it has stopped.")
{
    public Guid TaskId { get; } = taskId;
}

/// <summary>The task is already in a terminal state.</summary>
internal sealed class NotCancellableException(Guid taskId, Tasks.DurqTaskStatus status)
    : DurqException(ProblemCodes.NotCancellable,
        $"Task {taskId:D} is {Tasks.DurqTaskStatusNames.ToWire(status)}; only pending or claimed tasks can be cancelled.")
{
    public Guid TaskId { get; } = taskId;
}

/// <summary>
/// The store cannot take the request now (shutting down, database away, or a fault of the storage itself that
/// <see cref="StorageFaults"/> names); the caller may retry later.
/// </summary>
internal sealed class StoreUnavailableException(string message, Exception? inner = null, string code = ProblemCodes.Unavailable)
    : DurqException(code, message)
{
    /// <summary>How long a caller is told to wait before trying again, unless the fault says otherwise.</summary>
    public const int DefaultRetryAfterSeconds = 1;

    public Exception? Cause { get; } = inner;

    /// <summary>How long a caller is told to wait before trying again.</summary>
    public int RetryAfterSeconds { get; init; } = DefaultRetryAfterSeconds;
}

/// <summary>The caller's lease on a task has ended; its report changed nothing. <paramref name="reason"/> says what ended it.</summary>
internal sealed class LeaseLostException(Guid taskId, string reason = Tasks.LeaseLoss.Unknown)
    : DurqException(ProblemCodes.LeaseLost, $"The lease on task {taskId:D} is no longer held: {reason}. The report changed nothing.")
{
    public Guid TaskId { get; } = taskId;
}

/// <summary>Only dead tasks can be retried from the dead-letter queue.</summary>
internal sealed class NotDeadException(Guid taskId, Tasks.DurqTaskStatus status)
    : DurqException(ProblemCodes.NotDead,
        $"Task {taskId:D} is {Tasks.DurqTaskStatusNames.ToWire(status)}, not dead; only dead tasks can be retried from the dead-letter queue.")
{
    public Guid TaskId { get; } = taskId;
}

/// <summary>The tenant has a schedule of that name already (names are unique per tenant).</summary>
internal sealed class ScheduleExistsException(string name, Guid existingScheduleId)
    : DurqException(ProblemCodes.ScheduleExists, $"A schedule named '{name}' exists already: {existingScheduleId:D}.")
{
    public Guid ExistingScheduleId { get; } = existingScheduleId;
}
