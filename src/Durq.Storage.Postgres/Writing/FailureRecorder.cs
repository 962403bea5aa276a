using System.Text.Json;
using Durq.Contracts;
using Durq.Core.Errors;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>Writes one failed attempt of a claimed task: its error into the history, and the state it moves to.</summary>
internal static class FailureRecorder
{
    /// <param name="task">The task as read under its row lock, still claimed.</param>
    public static async Task<FailureDecision> RecordAsync(
        WriteContext context, DurqTask task, TaskError error, bool retryable, DateTimeOffset now, double jitterDraw)
    {
        var decision = FailureDecision.For(
            task.Attempt, task.MaxAttempts, task.Options.Retry, task.CancelRequested, error, retryable, now, jitterDraw);
        var entry = new TaskErrorResource(error.Attempt, error.Type, error.Message, error.At);
        var updated = await context.Statement("RecordFailure")
            .With("id", task.Id).With("lease_id", task.LeaseId).With("now", now)
            .With("status", decision.Status.ToWire()).With("visible_at", decision.NextVisibleAt)
            .With("errors", AppendError(task.ErrorsJson, entry))
            .With("last_error", JsonSerializer.Serialize(entry, DurqJson.Context.TaskErrorResource))
            .ExecuteNonQueryAsync();
        if (updated != 1)
        {
            // The row was read under a lock, so this cannot happen; if it does, the attempt must not be counted.
            throw new LeaseLostException(task.Id);
        }

        if (decision.WillRetry)
        {
            context.AdjustPending(task.Tenant, 1);
            if (decision.NextVisibleAt <= now)
            {
                context.Announce(task.Tenant, task.ActivityType);
            }
        }

        context.AddToCounter(task.Tenant, Counters.FailedAttempts, 1);
        return decision;
    }

    private static string AppendError(string? errorsJson, TaskErrorResource entry)
    {
        var errors = errorsJson is null
            ? []
            : JsonSerializer.Deserialize(errorsJson, DurqJson.Context.IReadOnlyListTaskErrorResource) ?? [];
        return JsonSerializer.Serialize([.. errors, entry], DurqJson.Context.IReadOnlyListTaskErrorResource);
    }
}
