using System.Text.Json;
using Durq.Contracts;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Dialect;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Writes one failed attempt of a claimed task: its error into the history, and the state it moves to.</summary>
internal static class FailedAttempt
{
    /// <param name="task">The task as read in this transaction (under its row lock where the dialect locks), still claimed.</param>
    public static async ValueTask<FailureDecision> RecordAsync(
        WriteContext context, DurqTask task, TaskError error, bool retryable, DateTimeOffset now, double jitterDraw)
    {
        var decision = FailureDecision.For(
            task.Attempt, task.MaxAttempts, task.Options.Retry, task.CancelRequested, error, retryable, now, jitterDraw);
        var entry = Entry(task, error);
        var updated = await context.Sql.RecordFailureAsync(new FailureRecord(
            task.Id, task.LeaseId, now, decision.Status, decision.NextVisibleAt, AppendError(task.ErrorsJson, entry),
            JsonSerializer.Serialize(entry, DurqJson.Context.TaskErrorResource)));
        if (updated != 1)
        {
            // The row was read in this transaction under the same lease, so this should not happen; if it does, the
            // attempt must not be counted.
            throw new LeaseLostException(task.Id);
        }

        if (decision.WillRetry)
        {
            context.AdjustPending(task.Tenant, 1);
            context.Announce(task.Tenant, task.ActivityType, decision.NextVisibleAt, now);
        }

        context.AddToCounter(task.Tenant, Counters.FailedAttempts, 1);
        if (decision.Status == DurqTaskStatus.Dead)
        {
            context.AddToCounter(task.Tenant, Counters.DeadTasks, 1);
        }

        TellOutcome(context, task, decision.Status);
        await TypeOutcomes.FailedAsync(context, task, decision.Status == DurqTaskStatus.Cancelled, now);
        return decision;
    }

    /// <summary>Every failed attempt is a <c>failed</c> event; one that ends the task is followed by its end (dead, cancelled).</summary>
    private static void TellOutcome(WriteContext context, DurqTask task, DurqTaskStatus status)
    {
        context.TaskChanged(task.Tenant, task.Id, task.ActivityType, StoreEventKinds.Failed);
        if (status is DurqTaskStatus.Dead or DurqTaskStatus.Cancelled)
        {
            context.TaskChanged(task.Tenant, task.Id, task.ActivityType, status == DurqTaskStatus.Dead ? StoreEventKinds.Dead : StoreEventKinds.Cancelled);
        }
    }

    /// <summary>The history entry of <paramref name="error"/>.</summary>
    public static TaskErrorResource Entry(DurqTask task, TaskError error) =>
        // Attempts count from 1 again after a retry from the dead-letter queue; the requeue tells the rounds apart.
        new(error.Attempt, error.Type, error.Message, error.At) { Requeue = task.RequeueCount > 0 ? task.RequeueCount : null };

    /// <summary>The task's history with <paramref name="entry"/> added at its end.</summary>
    public static string AppendError(string? errorsJson, TaskErrorResource entry)
    {
        var errors = errorsJson is null
            ? []
            : JsonSerializer.Deserialize(errorsJson, DurqJson.Context.IReadOnlyListTaskErrorResource) ?? [];
        return JsonSerializer.Serialize([.. errors, entry], DurqJson.Context.IReadOnlyListTaskErrorResource);
    }
}
