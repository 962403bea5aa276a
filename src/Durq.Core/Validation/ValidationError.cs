using Durq.Core.Errors;

namespace Durq.Core.Validation;

/// <summary>One bad field of a request.</summary>
/// <param name="Field">The JSON path of the field, e.g. <c>options.max_attempts</c> or <c>tasks[2].input</c>.</param>
/// <param name="Message">What is wrong, in words a person can act on.</param>
/// <param name="Hint">What to send instead, phrased as an instruction.</param>
internal sealed record ValidationError(string Field, string Message, string Hint);

/// <summary>A request failed validation; <see cref="Errors"/> names every bad field, not just the first.</summary>
internal sealed class ValidationException(IReadOnlyList<ValidationError> errors)
    : DurqException(ProblemCodes.ValidationFailed, Describe(errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<ValidationError> errors) => errors.Count == 1
        ? $"The request has an invalid field: '{errors[0].Field}' {errors[0].Message}."
        : $"The request has {errors.Count} invalid fields: {string.Join(", ", errors.Select(e => $"'{e.Field}'"))}.";
}
