using System.Text.Json;
using Durq.Contracts;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Dialect;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// The reaper's other write: every pending task past its expiry goes to <c>dead</c> with error type <c>expired</c>,
/// without running (the claim already passes over it). Safe when every node runs it at once, where the dialect skips
/// rows another transaction holds: each task is expired only while it is still pending.
/// </summary>
internal sealed class ExpirePendingWrite(ExpirePendingParams request, CancellationToken cancellationToken)
    : TenantSweepWrite(cancellationToken)
{
    protected override ValueTask<IReadOnlyList<string>> SelectTenantsAsync(WriteContext context) =>
        context.Sql.SelectExpiringTenantsAsync(request.Now, request.MaxTasks);

    protected override async ValueTask<IReadOnlyList<ReclaimedTask>> SweepAsync(WriteContext context, IReadOnlyList<string> tenants)
    {
        var expired = new List<ReclaimedTask>();
        foreach (var task in await context.Sql.SelectExpiringTasksAsync(request.Now, request.MaxTasks, tenants))
        {
            var error = TaskError.Create(task.Attempt, TaskError.ExpiredType,
                $"No worker claimed the task by its expiry, {Rfc3339.Format(task.Options.ExpiresAt!.Value)}.", request.Now);
            var entry = FailedAttempt.Entry(task, error);
            var record = new FailureRecord(task.Id, null, request.Now, DurqTaskStatus.Dead, null,
                FailedAttempt.AppendError(task.ErrorsJson, entry), JsonSerializer.Serialize(entry, DurqJson.Context.TaskErrorResource));
            if (await context.Sql.ExpireTaskAsync(record) == 1)
            {
                context.AdjustPending(task.Tenant, -1);
                context.AddToCounter(task.Tenant, Counters.DeadTasks, 1);
                context.TaskChanged(task.Tenant, task.Id, task.ActivityType, StoreEventKinds.Dead);
                expired.Add(new ReclaimedTask(task.Tenant, task.Id, task.ActivityType, DurqTaskStatus.Dead, null, error.Type));
            }
        }

        return expired;
    }
}
