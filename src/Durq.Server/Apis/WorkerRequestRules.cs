using Durq.Core.Validation;

namespace Durq.Server.Apis;

/// <summary>Validation shared by the worker protocol's routes.</summary>
internal static class WorkerRequestRules
{
    public const int MaxWorkerIdLength = 200;
    public const int MaxActivityTypesPerWorker = 100;
    public const int MaxDescriptionLength = 200;

    public static void CheckActivityTypes(IReadOnlyList<string>? activityTypes, List<ValidationError> errors)
    {
        if (activityTypes is not { Count: > 0 and <= MaxActivityTypesPerWorker })
        {
            errors.Add(new ValidationError("activity_types", $"must list 1 to {MaxActivityTypesPerWorker} activity types",
                "Send the activity types this worker handles, e.g. [\"email.send\"]."));
            return;
        }

        for (var i = 0; i < activityTypes.Count; i++)
        {
            if (!EnqueueRequestParser.IsValidActivityType(activityTypes[i]))
            {
                errors.Add(new ValidationError($"activity_types[{i}]", "is not a valid activity type",
                    "Use activity types as they are enqueued: 1-200 chars of letters, digits and . _ : / -."));
            }
        }
    }

    public static void CheckRange(int value, string field, int min, int max, List<ValidationError> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(new ValidationError(field, $"is {value}; it must be from {min} to {max}", $"Set '{field}' to a whole number from {min} to {max}."));
        }
    }

    public static void ThrowIfAny(List<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    public static void CheckWorkerId(string? workerId, List<ValidationError> errors)
    {
        if (workerId is not { Length: > 0 and <= MaxWorkerIdLength })
        {
            errors.Add(new ValidationError("worker_id", $"must be 1 to {MaxWorkerIdLength} characters long", workerId is { Length: > 0 }
                ? $"Shorten 'worker_id' to <= {MaxWorkerIdLength} chars."
                : "Give the worker an id of its own, such as its host name and process id."));
            return;
        }

        CheckIdentifier(workerId, "worker_id", errors);
    }

    /// <summary>An optional description of a worker (group, host name, version): at most 200 printable characters.</summary>
    public static void CheckDescription(string? value, string field, List<ValidationError> errors)
    {
        if (value is { Length: > MaxDescriptionLength })
        {
            errors.Add(new ValidationError(field, $"must be at most {MaxDescriptionLength} characters long", $"Shorten '{field}' to <= {MaxDescriptionLength} chars."));
            return;
        }

        CheckIdentifier(value, field, errors);
    }

    public static void CheckIdentifier(string? value, string field, List<ValidationError> errors)
    {
        if (value is not null && TextRules.IdentifierProblem(value) is { } problem)
        {
            errors.Add(new ValidationError(field, problem, TextRules.IdentifierHint(field)));
        }
    }

    /// <summary>A lease id as the claim returned it; a missing one is named by the body's reader already.</summary>
    public static void CheckLeaseId(string? text, List<ValidationError> errors)
    {
        if (text is not null && !Core.Tasks.TaskIds.TryParse(text, out _))
        {
            errors.Add(new ValidationError("lease_id", "is not a lease id", "Send the lease_id the claim returned with this task."));
        }
    }

    /// <summary>The lease id of a body whose checks included <see cref="CheckLeaseId"/>.</summary>
    public static Guid LeaseId(string text) => Core.Tasks.TaskIds.TryParse(text, out var id)
        ? id
        : throw new InvalidOperationException("The lease id was not checked.");
}
