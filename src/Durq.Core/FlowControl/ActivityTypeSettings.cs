namespace Durq.Core.FlowControl;

/// <summary>
/// What an operator set for one activity type of a tenant (<c>PUT /activity-types/{activity_type}</c>): each member
/// is unset (no limit) unless given. Enforced by every node inside the claim's own transaction.
/// </summary>
/// <param name="Paused">No task of the type is claimed while it is set.</param>
/// <param name="MaxConcurrency">The most tasks of the type claimed at once, cluster-wide.</param>
/// <param name="RateLimit">The most claims of the type per second, cluster-wide.</param>
/// <param name="Circuit">When the type's circuit breaker opens, and for how long.</param>
internal sealed record ActivityTypeSettings(bool Paused, int? MaxConcurrency, RateLimit? RateLimit, CircuitSettings? Circuit)
{
    public static readonly ActivityTypeSettings None = new(false, null, null, null);

    /// <summary>Whether nothing is set: a type with no settings and a closed, unforced breaker needs no row.</summary>
    public bool IsEmpty => this == None;
}

/// <summary>A token bucket: <paramref name="PerSecond"/> claims a second on average, at most <paramref name="Burst"/> at once.</summary>
internal sealed record RateLimit(double PerSecond, int Burst);

/// <summary>
/// The breaker opens after <paramref name="FailureThreshold"/> failed attempts in a row (any reason: an error, a lost
/// lease, a timeout) and lets one probe task through after <paramref name="OpenSeconds"/>.
/// </summary>
internal sealed record CircuitSettings(int FailureThreshold, int OpenSeconds);
