using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Pending → cancelled; claimed → cancel requested; anything else is refused.</summary>
internal sealed class CancelTaskWrite(CancelTaskParams request, CancellationToken cancellationToken) : Write<DurqTask>(cancellationToken)
{
    public override string IfUnconfirmed => "Cancelling again is safe: if the first cancel was stored, the repeat answers 409 not_cancellable or shows the cancel requested.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<DurqTask> RunAsync(WriteContext context)
    {
        if (await context.Sql.CancelPendingTaskAsync(request) is { } cancelled)
        {
            context.AdjustPending(request.Tenant, -1);
            context.TaskChanged(request.Tenant, cancelled.Id, cancelled.ActivityType, StoreEventKinds.Cancelled);
            return cancelled;
        }

        if (await context.Sql.RequestCancelOfClaimedTaskAsync(request) is { } flagged)
        {
            return flagged;
        }

        throw await Refusals.StateAsync(context, request.Tenant, request.TaskId, task => new NotCancellableException(task.Id, task.Status));
    }
}
