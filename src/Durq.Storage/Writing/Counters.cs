namespace Durq.Storage.Writing;

/// <summary>Names of the cumulative totals kept in <c>durq_counters</c>.</summary>
internal static class Counters
{
    public const string StartedTasks = "started_tasks";
    public const string CompletedTasks = "completed_tasks";
    public const string FailedAttempts = "failed_attempts";
}
