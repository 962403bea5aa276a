using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>claimed → completed under a live lease, keeping the worker's result.</summary>
internal sealed class CompleteTaskCommand(CompleteTaskParams request) : WriteCommand<DurqTask>
{
    protected override async Task<DurqTask> RunAsync(WriteContext context)
    {
        var completed = await TaskRows.ReadAllAsync(context.Statement("CompleteTask")
            .With("tenant", request.Tenant).With("id", request.TaskId).With("lease_id", request.LeaseId)
            .With("now", request.Now).With("result", request.ResultJson));
        if (completed.Count == 0)
        {
            throw await LeaseChecks.RefusalAsync(context, request.Tenant, request.TaskId);
        }

        context.AddToCounter(request.Tenant, Counters.CompletedTasks, 1);
        return completed[0];
    }
}
