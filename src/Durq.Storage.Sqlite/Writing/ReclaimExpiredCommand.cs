using System.Globalization;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>
/// The reaper's write: every claimed task whose lease ran out or whose run passed its timeout counts as a failed
/// attempt (<c>lease_expired</c> / <c>timeout</c>) and moves on as any failure would.
/// </summary>
internal sealed class ReclaimExpiredCommand(ReclaimExpiredParams request) : WriteCommand<IReadOnlyList<ReclaimedTask>>
{
    protected override IReadOnlyList<ReclaimedTask> Run(WriteContext context)
    {
        var expired = context.Statement("SelectExpiredLeases").With("$now", request.Now).With("$limit", request.MaxTasks).ReadTasks();
        var reclaimed = new List<ReclaimedTask>(expired.Count);
        foreach (var task in expired)
        {
            var decision = FailureRecorder.Record(context, task, ErrorFor(task), retryable: true, request.Now, request.JitterDraw());
            reclaimed.Add(new ReclaimedTask(task.Tenant, task.Id, task.ActivityType, decision.Status, decision.NextVisibleAt));
        }

        return reclaimed;
    }

    private TaskError ErrorFor(DurqTask task)
    {
        var at = request.Now;
        return task.TimeoutAt <= at
            ? TaskError.Create(task.Attempt, TaskError.TimeoutType,
                $"The run passed its timeout of {task.Options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s.", at)
            : TaskError.Create(task.Attempt, TaskError.LeaseExpiredType,
                $"The lease expired at {Rfc3339.Format(task.LeaseExpiresAt!.Value)} without a heartbeat from {task.ClaimedBy}.", at);
    }
}
