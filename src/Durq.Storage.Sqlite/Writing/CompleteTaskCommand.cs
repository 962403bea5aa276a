using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>claimed → completed under a live lease, keeping the worker's result.</summary>
internal sealed class CompleteTaskCommand(CompleteTaskParams request) : WriteCommand<DurqTask>
{
    protected override DurqTask Run(WriteContext context)
    {
        var command = context.Statement("CompleteTask")
            .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$lease_id", request.LeaseId)
            .With("$now", request.Now).With("$result", request.ResultJson);
        var completed = command.ReadTasks();
        if (completed.Count == 0)
        {
            throw LeaseChecks.Refusal(context, request.Tenant, request.TaskId);
        }

        context.AddToCounter(request.Tenant, Counters.CompletedTasks, 1);
        return completed[0];
    }
}
