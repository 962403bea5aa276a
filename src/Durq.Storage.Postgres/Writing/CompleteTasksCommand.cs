using Durq.Core.Errors;
using Durq.Core.Storage;

namespace Durq.Storage.Postgres.Writing;

/// <summary>
/// claimed → completed for each task of a batch: one statement completes every item it can (so 500 completions are
/// one round trip), and one query more, only when some were refused, tells lease lost from not found.
/// </summary>
internal sealed class CompleteTasksCommand(CompleteTasksParams request) : WriteCommand<IReadOnlyList<CompletionOutcome>>
{
    protected override async Task<IReadOnlyList<CompletionOutcome>> RunAsync(WriteContext context)
    {
        var completions = request.Completions;
        var completed = await CompleteAsync(context);
        var refused = completions.Where((_, i) => !completed[i]).Select(c => c.TaskId).Distinct().ToArray();
        var existing = refused.Length == 0 ? [] : await ExistingAsync(context, refused);
        var completedCount = completed.Count(done => done);
        if (completedCount > 0)
        {
            context.AddToCounter(request.Tenant, Counters.CompletedTasks, completedCount);
        }

        return [.. completions.Select((c, i) => new CompletionOutcome(
            c.TaskId,
            completed[i] ? null : existing.Contains(c.TaskId) ? ProblemCodes.LeaseLost : ProblemCodes.NotFound))];
    }

    /// <summary>Completes what it can; answers, per item in list order, whether that item completed its task.</summary>
    private async Task<bool[]> CompleteAsync(WriteContext context)
    {
        var completions = request.Completions;
        var command = context.Statement("CompleteTasks")
            .With("tenant", request.Tenant).With("now", request.Now)
            .With<Guid[]>("ids", [.. completions.Select(c => c.TaskId)])
            .With<Guid[]>("lease_ids", [.. completions.Select(c => c.LeaseId)])
            .With<string?[]>("results", [.. completions.Select(c => c.ResultJson)]);
        var completed = new bool[completions.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // WITH ORDINALITY numbers items from 1.
            completed[reader.GetInt64(0) - 1] = true;
        }

        return completed;
    }

    private async Task<HashSet<Guid>> ExistingAsync(WriteContext context, Guid[] taskIds)
    {
        var command = context.Statement("ExistingTasks").With("tenant", request.Tenant).With<Guid[]>("ids", taskIds);
        var existing = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            existing.Add(reader.GetGuid(0));
        }

        return existing;
    }
}
