using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>dead → pending for one task: same id, attempt 0, requeue count + 1.</summary>
internal sealed class RetryDeadTaskCommand(RetryDeadTaskParams request) : WriteCommand<DurqTask>
{
    protected override DurqTask Run(WriteContext context)
    {
        var retried = context.Statement("RetryDeadTask")
            .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$now", request.Now)
            .ReadTasks();
        if (retried.Count == 1)
        {
            context.AdjustPending(request.Tenant, 1);
            return retried[0];
        }

        var task = TaskRows.Get(context.Statement("GetTask"), request.Tenant, request.TaskId)
            ?? throw new NotFoundException("task", TaskIds.Format(request.TaskId));
        throw new NotDeadException(task.Id, task.Status);
    }
}

/// <summary>dead → pending for one slice of the matching dead tasks; the store repeats it until none are left.</summary>
internal sealed class RetryDeadTasksSliceCommand(RetryDeadTasksParams request, int sliceSize) : WriteCommand<IReadOnlyList<string>>
{
    protected override IReadOnlyList<string> Run(WriteContext context)
    {
        var command = context.Statement("RetryDeadTasks")
            .With("$tenant", request.Tenant).With("$activity_type", request.ActivityType)
            .With("$now", request.Now).With("$limit", sliceSize);
        var activityTypes = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                activityTypes.Add(reader.GetString(0));
            }
        }

        context.AdjustPending(request.Tenant, activityTypes.Count);
        return activityTypes;
    }
}
