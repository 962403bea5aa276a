using Durq.Core.Storage;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// Deletes one small batch of what retention no longer keeps, so the writer is never held for long. Every node may
/// run it at once, where the dialect skips the rows another transaction already holds.
/// </summary>
internal sealed class PurgeWrite(PurgeParams request, CancellationToken cancellationToken) : Write<PurgeResult>(cancellationToken)
{
    protected override async ValueTask<PurgeResult> RunAsync(WriteContext context)
    {
        var tasks = await context.Sql.PurgeFinishedTasksAsync(request.FinishedBefore, request.DeadBefore, request.BatchSize);
        var keys = await context.Sql.PurgeIdempotencyKeysAsync(request.IdempotencyKeysBefore, request.BatchSize);
        var workers = await context.Sql.PurgeStoppedWorkersAsync(request.StoppedWorkersBefore, request.BatchSize);
        // A schedule's executions are kept as long as the finished tasks they made: an every-second schedule adds 86,400
        // a day. Deleting old ones cannot let a time fire twice, as a schedule never fires a time before its next_fire_at.
        var executions = await context.Sql.PurgeScheduleExecutionsAsync(request.FinishedBefore, request.BatchSize);
        return new PurgeResult(tasks, keys, workers, executions);
    }
}
