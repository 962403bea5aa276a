using Durq.Core.Storage;

namespace Durq.Storage.Postgres.Writing;

/// <summary>
/// Deletes one small batch of what retention no longer keeps, so the writer is never held for long. Every node may
/// run it at once: each statement skips the rows another transaction already holds.
/// </summary>
internal sealed class PurgeCommand(PurgeParams request) : WriteCommand<PurgeResult>
{
    protected override async Task<PurgeResult> RunAsync(WriteContext context)
    {
        var tasks = await context.Statement("PurgeFinishedTasks")
            .With("finished_before", request.FinishedBefore).With("dead_before", request.DeadBefore)
            .With("limit", request.BatchSize)
            .ExecuteNonQueryAsync();
        var keys = await context.Statement("PurgeIdempotencyKeys")
            .With("before", request.IdempotencyKeysBefore).With("limit", request.BatchSize)
            .ExecuteNonQueryAsync();
        var workers = await context.Statement("PurgeStoppedWorkers")
            .With("before", request.StoppedWorkersBefore).With("limit", request.BatchSize)
            .ExecuteNonQueryAsync();
        return new PurgeResult(tasks, keys, workers);
    }
}
