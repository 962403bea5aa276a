using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// claimed → completed for each task of a batch, in the order given, each exactly as a single completion would be: a
/// task listed twice completes at most once. Only when some were refused does a second look tell lease lost from not found.
/// </summary>
internal sealed class CompleteTasksWrite(CompleteTasksParams request, CancellationToken cancellationToken)
    : Write<IReadOnlyList<CompletionOutcome>>(cancellationToken)
{
    public override bool RunsAloneWhenIdle => true;

    public override string IfUnconfirmed =>
        "Sending the completions again with the same leases is safe: those already stored come back refused as lease_lost and change nothing.";

    protected override async ValueTask<IReadOnlyList<CompletionOutcome>> RunAsync(WriteContext context)
    {
        var completions = request.Completions;
        var rows = await context.Sql.CompleteTasksAsync(request);
        var completed = Array.ConvertAll(rows, row => row?.ActivityType);
        var refused = completions.Where((_, i) => completed[i] is null).Select(c => c.TaskId).Distinct().ToArray();
        var existing = refused.Length == 0 ? [] : await context.Sql.ExistingTasksAsync(request.Tenant, refused);
        var completedCount = completed.Count(type => type is not null);
        if (completedCount > 0)
        {
            context.AddToCounter(request.Tenant, Counters.CompletedTasks, completedCount);
            await TypeOutcomes.SucceededAsync(context, request.Tenant, [.. completed.OfType<string>().Distinct(StringComparer.Ordinal)], request.Now);
            TellCompleted(context, completed);
        }

        var outcomes = new CompletionOutcome[completions.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var taskId = completions[i].TaskId;
            outcomes[i] = rows[i] is { } row
                ? new CompletionOutcome(taskId, null, row.ActivityType, row.ClaimedAt)
                : new CompletionOutcome(taskId, existing.Contains(taskId) ? ProblemCodes.LeaseLost : ProblemCodes.NotFound);
        }

        return outcomes;
    }

    private void TellCompleted(WriteContext context, string?[] completed)
    {
        for (var i = 0; i < completed.Length; i++)
        {
            if (completed[i] is { } activityType)
            {
                context.TaskChanged(request.Tenant, request.Completions[i].TaskId, activityType, StoreEventKinds.Completed);
            }
        }
    }
}
