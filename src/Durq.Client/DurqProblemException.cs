using Durq.Contracts;

namespace Durq.Client;

/// <summary>
/// A Durq server answered with an error status. <see cref="Problem"/> is the server's problem document
/// (API.md, "Errors"); when the answer was not one (a proxy's error page, say), it is synthesized with the code
/// <c>http_&lt;status&gt;</c> and the body's first characters as <see cref="Detail"/>.
/// </summary>
public sealed class DurqProblemException : Exception
{
    public DurqProblemException(ProblemDocument problem, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(Describe(problem), innerException)
    {
        Problem = problem;
        RetryAfter = retryAfter ?? (problem.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    /// <summary>The whole problem document, including <c>allowed_actions</c> and field <c>errors</c>.</summary>
    public ProblemDocument Problem { get; }

    /// <summary>The HTTP status code.</summary>
    public int Status => Problem.Status;

    /// <summary>The machine-readable code, e.g. <c>lease_lost</c> or <c>queue_full</c>; <c>http_&lt;status&gt;</c> for a non-problem answer.</summary>
    public string Code => Problem.Code;

    /// <summary>What was wrong, in words a person can act on.</summary>
    public string? Detail => Problem.Detail;

    /// <summary>How long to wait before trying again: the <c>Retry-After</c> header, else <c>retry_after_seconds</c>; null when neither was sent.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(ProblemDocument problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return $"{problem.Status} {problem.Code}: {problem.Detail ?? problem.Title}";
    }
}
