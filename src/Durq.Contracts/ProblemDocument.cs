namespace Durq.Contracts;

/// <summary>An RFC 9457 problem document, as every 4xx and 5xx answer carries it (docs/api.md, "Errors").</summary>
public sealed record ProblemDocument
{
    public string? Type { get; init; }
    public required string Title { get; init; }
    public required int Status { get; init; }
    public string? Detail { get; init; }
    public required string Code { get; init; }
    public string? Instance { get; init; }
    public string? TraceId { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public IReadOnlyList<AllowedAction>? AllowedActions { get; init; }
    public IReadOnlyList<FieldError>? Errors { get; init; }
}

/// <summary>A recovery action the caller can take next.</summary>
public sealed record AllowedAction
{
    /// <summary><c>retry</c>, <c>retry-later</c> or <c>get-existing</c>.</summary>
    public required string Rel { get; init; }
    public string? Hint { get; init; }
    public string? Href { get; init; }
    public string? OperationId { get; init; }
    public string? Method { get; init; }
}

/// <summary>One bad field, named by its JSON path.</summary>
public sealed record FieldError(string Field, string Message);
