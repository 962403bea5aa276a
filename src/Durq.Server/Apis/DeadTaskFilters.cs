using Durq.Core.Validation;
using Durq.Server.Queueing;

namespace Durq.Server.Apis;

/// <summary>
/// Reads the body of <c>POST /dlq/retry</c> and <c>/dlq/purge</c>: a filter, or <c>{"all": true}</c>. Neither is
/// refused, so an empty body (a bare curl, a form post) never acts on the whole dead-letter queue by accident.
/// </summary>
internal static class DeadTaskFilters
{
    public static DeadTaskFilter Read(string? activityType, string? errorType, bool? all, string action)
    {
        var errors = new List<ValidationError>();
        if (activityType is not null && !EnqueueRequestParser.IsValidActivityType(activityType))
        {
            errors.Add(new ValidationError("activity_type", "is not a valid activity type",
                "Send an activity type as it was enqueued: 1-200 chars of letters, digits and . _ : / -."));
        }

        WorkerRequestRules.CheckIdentifier(errorType, "error_type", errors);
        if (activityType is null && errorType is null && all != true)
        {
            errors.Add(new ValidationError("all", $"is required to {action} every dead task, when no activity_type or error_type narrows it",
                $"Send {{\"activity_type\": \"...\"}} or {{\"error_type\": \"...\"}} to {action} some dead tasks, or {{\"all\": true}} to {action} every one."));
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : new DeadTaskFilter(activityType, errorType);
    }
}
