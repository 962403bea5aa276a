using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>dead → pending for one task: same id, attempt 0, requeue count + 1.</summary>
internal sealed class RetryDeadTaskWrite(RetryDeadTaskParams request, CancellationToken cancellationToken) : Write<DurqTask>(cancellationToken)
{
    public override string IfUnconfirmed => "Retrying the task again is safe: if the first retry was stored, the task is no longer dead and the repeat answers 409 not_dead.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<DurqTask> RunAsync(WriteContext context)
    {
        if (await context.Sql.RetryDeadTaskAsync(request) is { } retried)
        {
            context.AdjustPending(request.Tenant, 1);
            context.Announce(request.Tenant, retried.ActivityType, retried.VisibleAt, request.Now);
            context.TaskChanged(request.Tenant, retried.Id, retried.ActivityType, StoreEventKinds.Enqueued);
            return retried;
        }

        throw await Refusals.StateAsync(context, request.Tenant, request.TaskId, task => new NotDeadException(task.Id, task.Status));
    }
}

/// <summary>dead → pending for one slice of the matching dead tasks; the store repeats it until none are left.</summary>
internal sealed class RetryDeadTasksSliceWrite(RetryDeadTasksParams request, CancellationToken cancellationToken)
    : Write<int>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending the retry again is safe: it retries only the tasks that are still dead, so no task is retried twice.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<int> RunAsync(WriteContext context)
    {
        var activityTypes = await context.Sql.RetryDeadTasksAsync(request, Slices.Size);
        foreach (var activityType in activityTypes)
        {
            context.Announce(request.Tenant, activityType, request.Now, request.Now);
        }

        context.AdjustPending(request.Tenant, activityTypes.Count);
        return activityTypes.Count;
    }
}
