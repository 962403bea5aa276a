using System.Globalization;
using System.Text.Json;
using Durq.Contracts;

namespace Durq.Core.Tasks;

/// <summary>
/// Why a report under a lease was refused, read from the task as it is now: the store keeps no old leases, but the
/// task's state, its last error and when it last changed tell what ended the lease. A worker reading the answer learns
/// whether its own earlier report already ended the lease, the reaper took the task back, or someone cancelled it.
/// </summary>
internal static class LeaseLoss
{
    /// <summary>The reason when the task is not at hand (a batch completion, a row changed under a read).</summary>
    public const string Unknown = "it is not held by this lease any more; read the task to see what became of it";

    public static string Explain(DurqTask task, Guid leaseId, DateTimeOffset now) => task.Status switch
    {
        DurqTaskStatus.Claimed when task.LeaseId == leaseId => task.TimeoutAt <= now
            ? $"the run passed its timeout at {Time(task.TimeoutAt)}; the task will be counted as failed"
            : $"it expired at {Time(task.LeaseExpiresAt)} without a heartbeat; the task will be counted as failed",
        DurqTaskStatus.Claimed => $"the task is claimed under another lease, by '{task.ClaimedBy}' (attempt {Number(task.Attempt)})",
        DurqTaskStatus.Completed => $"the task was already completed at {Time(task.CompletedAt)}, which released its lease",
        DurqTaskStatus.Cancelled => $"the task was cancelled at {Time(task.UpdatedAt)}",
        _ => EndedBy(task),
    };

    /// <summary>What released the lease of a task that is pending again or dead: a recorded failure, or its worker leaving.</summary>
    private static string EndedBy(DurqTask task)
    {
        var status = task.Status.ToWire();
        if (LastError(task) is not { } error || Rfc3339.ToStoredPrecision(error.At) != Rfc3339.ToStoredPrecision(task.UpdatedAt))
        {
            // A failure is written with the task's update time; a later change without one is a worker handing it back.
            return $"its worker deregistered and handed the task back (it is {status} now)";
        }

        return error.Type switch
        {
            TaskError.LeaseExpiredType => $"it expired at {Time(error.At)} and attempt {Number(error.Attempt)} was counted as failed (the task is {status} now)",
            TaskError.TimeoutType => $"attempt {Number(error.Attempt)} passed its timeout and was counted as failed (the task is {status} now)",
            _ => $"a failure of attempt {Number(error.Attempt)} (type '{error.Type}') was already reported at {Time(error.At)}, which released the lease (the task is {status} now)",
        };
    }

    private static TaskErrorResource? LastError(DurqTask task) =>
        task.LastErrorJson is { } json ? JsonSerializer.Deserialize(json, DurqJson.Context.TaskErrorResource) : null;

    private static string Time(DateTimeOffset? at) => at is { } value ? Rfc3339.Format(value) : "an unknown time";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
