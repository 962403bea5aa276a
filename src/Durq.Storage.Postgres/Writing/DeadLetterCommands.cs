using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>dead → pending for one task: same id, attempt 0, requeue count + 1.</summary>
internal sealed class RetryDeadTaskCommand(RetryDeadTaskParams request) : WriteCommand<DurqTask>
{
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async Task<DurqTask> RunAsync(WriteContext context)
    {
        var retried = await TaskRows.ReadAllAsync(context.Statement("RetryDeadTask")
            .With("tenant", request.Tenant).With("id", request.TaskId).With("now", request.Now));
        if (retried.Count == 1)
        {
            context.AdjustPending(request.Tenant, 1);
            context.Announce(request.Tenant, retried[0].ActivityType);
            return retried[0];
        }

        var task = await TaskRows.GetAsync(context.Statement("GetTask"), request.Tenant, request.TaskId)
            ?? throw new NotFoundException("task", TaskIds.Format(request.TaskId));
        throw new NotDeadException(task.Id, task.Status);
    }
}

/// <summary>dead → pending for one slice of the matching dead tasks; the store repeats it until none are left.</summary>
internal sealed class RetryDeadTasksSliceCommand(RetryDeadTasksParams request, int sliceSize) : WriteCommand<int>
{
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async Task<int> RunAsync(WriteContext context)
    {
        var command = context.Statement("RetryDeadTasks")
            .With("tenant", request.Tenant).With("activity_type", request.ActivityType)
            .With("now", request.Now).With("limit", sliceSize);
        var count = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                context.Announce(request.Tenant, reader.GetString(0));
                count++;
            }
        }

        context.AdjustPending(request.Tenant, count);
        return count;
    }
}
