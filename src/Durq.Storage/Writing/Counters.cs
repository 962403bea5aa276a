namespace Durq.Storage.Writing;

/// <summary>
/// Names of the cumulative totals kept in <c>durq_counters</c>: <c>/health</c> shows some, the time series samples
/// all of them. Each write adds once per batch, so a total costs one row update per commit, not one per task.
/// </summary>
internal static class Counters
{
    public const string EnqueuedTasks = "enqueued_tasks";
    public const string StartedTasks = "started_tasks";
    public const string CompletedTasks = "completed_tasks";
    public const string FailedAttempts = "failed_attempts";

    /// <summary>Tasks that went dead (out of attempts, refused as not retryable, or expired unclaimed); a retry out of the DLQ does not take one back.</summary>
    public const string DeadTasks = "dead_tasks";
}
