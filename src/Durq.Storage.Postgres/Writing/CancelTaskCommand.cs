using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>Pending → cancelled; claimed → cancel requested; anything else is refused.</summary>
internal sealed class CancelTaskCommand(CancelTaskParams request) : WriteCommand<DurqTask>
{
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async Task<DurqTask> RunAsync(WriteContext context)
    {
        if (await UpdateAsync(context, "CancelPendingTask") is { } cancelled)
        {
            context.AdjustPending(request.Tenant, -1);
            return cancelled;
        }

        if (await UpdateAsync(context, "RequestCancelOfClaimedTask") is { } flagged)
        {
            return flagged;
        }

        var task = await TaskRows.GetAsync(context.Statement("GetTask"), request.Tenant, request.TaskId)
            ?? throw new NotFoundException("task", TaskIds.Format(request.TaskId));
        throw new NotCancellableException(task.Id, task.Status);
    }

    private async Task<DurqTask?> UpdateAsync(WriteContext context, string statement) =>
        (await TaskRows.ReadAllAsync(context.Statement(statement)
            .With("tenant", request.Tenant).With("id", request.TaskId).With("now", request.Now)))
        .SingleOrDefault();
}
