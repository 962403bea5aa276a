namespace Durq.Core.FlowControl;

/// <summary>
/// A rate limit's state as stored: the tokens left when it was last refilled. A claim of <c>n</c> tasks takes <c>n</c>
/// tokens; tokens come back at the limit's rate up to its burst. Kept in the store and changed only inside claims, so
/// every node takes from the same bucket.
/// </summary>
internal sealed record TokenBucket(double Tokens, DateTimeOffset RefilledAt)
{
    /// <summary>A full bucket: a limit just set allows its whole burst at once.</summary>
    public static TokenBucket Full(RateLimit limit, DateTimeOffset now) => new(limit.Burst, now);

    /// <summary>The tokens there are at <paramref name="now"/>.</summary>
    public double TokensAt(RateLimit limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var elapsed = Math.Max(0, (now - RefilledAt).TotalSeconds);
        return Math.Min(limit.Burst, Tokens + (elapsed * limit.PerSecond));
    }

    /// <summary>How many whole claims the bucket allows at <paramref name="now"/>.</summary>
    public int ClaimsAllowed(RateLimit limit, DateTimeOffset now) => (int)Math.Floor(TokensAt(limit, now) + 1e-9);

    /// <summary>The bucket after <paramref name="claims"/> tasks were claimed at <paramref name="now"/>.</summary>
    public TokenBucket Take(RateLimit limit, int claims, DateTimeOffset now) => new(Math.Max(0, TokensAt(limit, now) - claims), now);

    /// <summary>When the next whole token is there (now, if one is).</summary>
    public DateTimeOffset NextTokenAt(RateLimit limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var missing = 1 - TokensAt(limit, now);
        return missing <= 0 ? now : now + TimeSpan.FromSeconds(Math.Ceiling(missing / limit.PerSecond * 1000) / 1000);
    }
}
