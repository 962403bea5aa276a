using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>A worker's report that its attempt failed, under a live lease.</summary>
internal sealed class FailTaskCommand(FailTaskParams request) : WriteCommand<FailureDecision>
{
    protected override FailureDecision Run(WriteContext context)
    {
        var leased = context.Statement("GetLeasedTask")
            .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$lease_id", request.LeaseId)
            .With("$now", request.Now)
            .ReadTasks();
        if (leased.Count == 0)
        {
            throw LeaseChecks.Refusal(context, request.Tenant, request.TaskId);
        }

        var task = leased[0];
        var error = TaskError.Create(task.Attempt, request.ErrorType, request.Message, request.Now);
        return FailureRecorder.Record(context, task, error, request.Retryable, request.Now, request.JitterDraw);
    }
}
