using Durq.Core.Storage;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>Deletes one small batch of what retention no longer keeps, so the writer is never held for long.</summary>
internal sealed class PurgeCommand(PurgeParams request) : WriteCommand<PurgeResult>
{
    protected override PurgeResult Run(WriteContext context)
    {
        var tasks = context.Statement("PurgeFinishedTasks")
            .With("$finished_before", request.FinishedBefore).With("$dead_before", request.DeadBefore)
            .With("$limit", request.BatchSize)
            .ExecuteNonQuery();
        var keys = context.Statement("PurgeIdempotencyKeys")
            .With("$before", request.IdempotencyKeysBefore).With("$limit", request.BatchSize)
            .ExecuteNonQuery();
        var workers = context.Statement("PurgeStoppedWorkers")
            .With("$before", request.StoppedWorkersBefore).With("$limit", request.BatchSize)
            .ExecuteNonQuery();
        return new PurgeResult(tasks, keys, workers);
    }
}
