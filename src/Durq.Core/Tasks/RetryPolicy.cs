namespace Durq.Core.Tasks;

/// <summary>How a failed attempt is retried: <c>delay(n) = min(initial·coeff^(n−1), max) ± jitter·delay</c>.</summary>
/// <param name="InitialIntervalMs">Delay before the second attempt. Default 1000 ms.</param>
/// <param name="BackoffCoefficient">Growth of the delay per attempt. Default 2.0.</param>
/// <param name="MaxIntervalMs">Upper bound of the delay before jitter. Default 60000 ms.</param>
/// <param name="Jitter">Fraction of the delay added or taken at random, 0–1. Default 0.1.</param>
/// <param name="NonRetryableErrorTypes">Error types that send a task straight to <c>dead</c>. Default none.</param>
internal sealed record RetryPolicy(
    long InitialIntervalMs,
    double BackoffCoefficient,
    long MaxIntervalMs,
    double Jitter,
    IReadOnlyList<string> NonRetryableErrorTypes)
{
    public static RetryPolicy Default { get; } = new(1000, 2.0, 60_000, 0.1, []);

    /// <summary>
    /// The delay before the attempt after failed attempt <paramref name="attempt"/> (1-based).
    /// <paramref name="unitRandom"/> is a draw from [0, 1) so that callers (and tests) own the randomness.
    /// </summary>
    public TimeSpan DelayAfter(int attempt, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponential = InitialIntervalMs * Math.Pow(BackoffCoefficient, attempt - 1);
        var capped = Math.Min(exponential, MaxIntervalMs);
        var jittered = capped + (((unitRandom * 2) - 1) * Jitter * capped);
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }

    public bool IsNonRetryable(string? errorType) =>
        errorType is not null && NonRetryableErrorTypes.Contains(errorType, StringComparer.Ordinal);
}
