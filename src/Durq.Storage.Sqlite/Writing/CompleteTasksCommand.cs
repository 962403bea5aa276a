using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>
/// claimed → completed for each task of a batch, in the order given. The items run one after another in this
/// command's savepoint, so each sees the ones before it: a task listed twice completes at most once.
/// </summary>
internal sealed class CompleteTasksCommand(CompleteTasksParams request) : WriteCommand<IReadOnlyList<CompletionOutcome>>
{
    protected override IReadOnlyList<CompletionOutcome> Run(WriteContext context)
    {
        // One prepared statement for every item: the parameters are bound once and only their values change.
        var complete = context.Statement("CompleteTasks").With("$tenant", request.Tenant).With("$now", request.Now);
        var id = complete.Parameters.Add("$id", SqliteType.Text);
        var leaseId = complete.Parameters.Add("$lease_id", SqliteType.Text);
        var result = complete.Parameters.Add("$result", SqliteType.Text);
        var outcomes = new CompletionOutcome[request.Completions.Count];
        var completed = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var completion = request.Completions[i];
            id.Value = TaskIds.Format(completion.TaskId);
            leaseId.Value = TaskIds.Format(completion.LeaseId);
            result.Value = (object?)completion.ResultJson ?? DBNull.Value;
            if (complete.ExecuteNonQuery() == 1)
            {
                completed++;
                outcomes[i] = new CompletionOutcome(completion.TaskId, null);
            }
            else
            {
                outcomes[i] = new CompletionOutcome(completion.TaskId, Refusal(context, completion.TaskId));
            }
        }

        if (completed > 0)
        {
            context.AddToCounter(request.Tenant, Counters.CompletedTasks, completed);
        }

        return outcomes;
    }

    /// <summary>Refusals are rare (a late or confused worker), so they alone pay for a second look at the row.</summary>
    private string Refusal(WriteContext context, Guid taskId)
    {
        var exists = context.Statement("TaskExists").With("$tenant", request.Tenant).With("$id", taskId);
        return (long)exists.ExecuteScalar()! == 1 ? ProblemCodes.LeaseLost : ProblemCodes.NotFound;
    }
}
