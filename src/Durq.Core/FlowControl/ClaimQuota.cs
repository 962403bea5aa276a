namespace Durq.Core.FlowControl;

/// <summary>
/// How many tasks of one activity type a claim may take now, and why not more: the smallest of what pause, the
/// concurrency limit, the rate limit and the breaker allow. The one place a claim's limits are decided.
/// </summary>
/// <param name="MaxTasks">The most it may claim; null for no limit of its own.</param>
/// <param name="RetryAt">When a limit that allows nothing now may allow a claim again (a token, a probe), if it knows.</param>
internal sealed record ClaimQuota(int? MaxTasks, DateTimeOffset? RetryAt)
{
    /// <param name="claimed">The type's tasks claimed now (counted only when it has a concurrency limit).</param>
    /// <param name="probeRunning">Whether the breaker's last probe task is still claimed.</param>
    public static ClaimQuota For(ActivityTypeState type, int claimed, DateTimeOffset now, bool probeRunning)
    {
        ArgumentNullException.ThrowIfNull(type);
        var settings = type.Settings;
        if (settings.Paused)
        {
            return new ClaimQuota(0, null);
        }

        int? quota = null;
        DateTimeOffset? retryAt = null;
        if (settings.MaxConcurrency is { } limit)
        {
            quota = Math.Max(0, limit - claimed);
        }

        if (settings.RateLimit is { } rate && type.Bucket is { } bucket)
        {
            var allowed = bucket.ClaimsAllowed(rate, now);
            quota = Min(quota, allowed);
            retryAt = allowed == 0 ? bucket.NextTokenAt(rate, now) : null;
        }

        var circuit = type.Circuit.ClaimsAllowed(settings.Circuit, now, probeRunning);
        if (circuit == 0)
        {
            retryAt = Later(retryAt, type.Circuit.ProbeDueAt(settings.Circuit));
        }

        return new ClaimQuota(Min(quota, circuit), retryAt);
    }

    /// <summary>The type after a claim took <paramref name="claimed"/> of its tasks: tokens spent, the probe noted.</summary>
    public static ActivityTypeState AfterClaim(ActivityTypeState type, IReadOnlyList<Guid> claimed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(claimed);
        if (claimed.Count == 0)
        {
            return type;
        }

        var settings = type.Settings;
        var bucket = settings.RateLimit is { } rate && type.Bucket is { } current ? current.Take(rate, claimed.Count, now) : type.Bucket;
        var circuit = type.Circuit.State == CircuitState.Closed ? type.Circuit : type.Circuit.ProbeClaimed(claimed[0], now);
        return type with { Bucket = bucket, Circuit = circuit };
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
