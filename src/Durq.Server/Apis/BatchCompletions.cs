using Durq.Contracts;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Validation;

namespace Durq.Server.Apis;

/// <summary>Validation and answers of <c>POST /tasks/complete</c>.</summary>
internal static class BatchCompletions
{
    public const int MaxCompletions = 500;

    /// <summary>Reads every completion, naming each bad field by its index; one bad item refuses the request.</summary>
    public static List<TaskCompletion> Read(CompleteTasksRequest request, int maxResultBytes)
    {
        if (request.Completions is not { Count: > 0 and <= MaxCompletions } items)
        {
            throw new ValidationException([new ValidationError("completions", $"must hold 1 to {MaxCompletions} completions",
                $"Send at most {MaxCompletions} completions per request.")]);
        }

        var errors = new List<ValidationError>();
        var completions = new List<TaskCompletion>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"completions[{i}].";
            var taskOk = TaskIds.TryParse(item.TaskId, out var taskId);
            var leaseOk = TaskIds.TryParse(item.LeaseId, out var leaseId);
            if (!taskOk)
            {
                errors.Add(new ValidationError(path + "task_id", "is not a task id", "Send the id of a task this worker claimed."));
            }

            if (!leaseOk)
            {
                errors.Add(new ValidationError(path + "lease_id", "is not a lease id", "Send the lease_id the claim returned with this task."));
            }

            var result = LeasesApi.CheckSize(item.Result, path + "result", maxResultBytes);
            completions.Add(new TaskCompletion(taskId, leaseId, result));
        }

        return errors.Count == 0 ? completions : throw new ValidationException(errors);
    }

    public static CompletionResult Describe(CompletionOutcome outcome)
    {
        var id = TaskIds.Format(outcome.TaskId);
        return outcome.Refusal switch
        {
            null => new CompletionResult(id, Completed: true),
            ProblemCodes.NotFound => new CompletionResult(id, false, ProblemCodes.NotFound, new NotFoundException("task", id).Message),
            var code => new CompletionResult(id, false, code, new LeaseLostException(outcome.TaskId).Message),
        };
    }
}
