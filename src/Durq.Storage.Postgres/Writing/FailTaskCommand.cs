using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>A worker's report that its attempt failed, under a live lease.</summary>
internal sealed class FailTaskCommand(FailTaskParams request) : WriteCommand<FailureDecision>
{
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async Task<FailureDecision> RunAsync(WriteContext context)
    {
        var leased = await TaskRows.ReadAllAsync(context.Statement("GetLeasedTask")
            .With("tenant", request.Tenant).With("id", request.TaskId).With("lease_id", request.LeaseId)
            .With("now", request.Now));
        if (leased.Count == 0)
        {
            throw await LeaseChecks.RefusalAsync(context, request.Tenant, request.TaskId);
        }

        var task = leased[0];
        var error = TaskError.Create(task.Attempt, request.ErrorType, request.Message, request.Now);
        return await FailureRecorder.RecordAsync(context, task, error, request.Retryable, request.Now, request.JitterDraw);
    }
}
