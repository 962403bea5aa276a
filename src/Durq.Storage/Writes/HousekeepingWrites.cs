using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Deletes one task in any state but claimed (a claimed one is refused: its worker still runs it).</summary>
internal sealed class DeleteTaskWrite(DeleteTaskParams request, CancellationToken cancellationToken) : Write<bool>(cancellationToken)
{
    public override string IfUnconfirmed => "Deleting again is safe: if the first delete was stored, the repeat answers 404 not_found.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<bool> RunAsync(WriteContext context)
    {
        switch (await context.Sql.DeleteTaskAsync(request.Tenant, request.TaskId))
        {
            case DurqTaskStatus.Pending:
                context.AdjustPending(request.Tenant, -1);
                return true;
            case not null:
                return true;
            default:
                throw await Refusals.StateAsync(context, request.Tenant, request.TaskId, task => new TaskClaimedException(task.Id));
        }
    }
}

/// <summary>Deletes one slice of the matching dead tasks; the store repeats it until none are left.</summary>
internal sealed class PurgeDeadTasksSliceWrite(PurgeDeadTasksParams request, CancellationToken cancellationToken) : Write<int>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending the purge again is safe: it deletes only the dead tasks that are still there.";

    protected override async ValueTask<int> RunAsync(WriteContext context) => await context.Sql.PurgeDeadTasksAsync(request, Slices.Size);
}
