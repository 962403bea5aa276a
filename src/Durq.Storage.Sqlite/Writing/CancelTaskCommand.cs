using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>Pending → cancelled; claimed → cancel requested; anything else is refused.</summary>
internal sealed class CancelTaskCommand(CancelTaskParams request) : WriteCommand<DurqTask>
{
    protected override DurqTask Run(WriteContext context)
    {
        var cancelled = Update(context, "CancelPendingTask") == 1;
        if (cancelled)
        {
            context.AdjustPending(request.Tenant, -1);
        }

        var changed = cancelled || Update(context, "RequestCancelOfClaimedTask") == 1;
        var task = TaskRows.Get(context.Statement("GetTask"), request.Tenant, request.TaskId)
            ?? throw new NotFoundException("task", TaskIds.Format(request.TaskId));
        return changed ? task : throw new NotCancellableException(task.Id, task.Status);
    }

    private int Update(WriteContext context, string statement)
    {
        var command = context.Statement(statement);
        command.Parameters.AddWithValue("$tenant", request.Tenant);
        command.Parameters.AddWithValue("$id", TaskIds.Format(request.TaskId));
        command.Parameters.AddWithValue("$now", request.Now.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }
}
