using System.Globalization;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// The reaper's write: every claimed task whose lease ran out or whose run passed its timeout counts as a failed
/// attempt (<c>lease_expired</c> / <c>timeout</c>) and moves on as any failure would. Safe when every node runs it at
/// once, where the dialect skips the rows another transaction holds: each task is failed only while it is still claimed
/// under the same lease.
/// </summary>
internal sealed class ReclaimExpiredWrite(ReclaimExpiredParams request, CancellationToken cancellationToken)
    : TenantSweepWrite(cancellationToken)
{
    /// <summary>The tenants of the expired tasks (a retry adds pending tasks).</summary>
    protected override ValueTask<IReadOnlyList<string>> SelectTenantsAsync(WriteContext context) =>
        context.Sql.SelectExpiredTenantsAsync(request.Now, request.MaxTasks);

    protected override async ValueTask<IReadOnlyList<ReclaimedTask>> SweepAsync(WriteContext context, IReadOnlyList<string> tenants)
    {
        var expired = await context.Sql.SelectExpiredLeasesAsync(request.Now, request.MaxTasks, tenants);
        var reclaimed = new List<ReclaimedTask>(expired.Count);
        foreach (var task in expired)
        {
            var error = ErrorFor(task);
            var decision = await FailedAttempt.RecordAsync(context, task, error, retryable: true, request.Now, request.JitterDraw());
            reclaimed.Add(new ReclaimedTask(task.Tenant, task.Id, task.ActivityType, decision.Status, decision.NextVisibleAt, error.Type, task.ClaimedBy));
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
