namespace Durq.Contracts;

/// <summary>
/// Body of <c>PUT /activity-types/{activity_type}</c>. Each member is optional: one left out stays as it is, and one
/// sent as <c>null</c> is cleared (no limit).
/// </summary>
public sealed record ActivityTypeSettingsRequest
{
    /// <summary>While true, no task of the type is claimed.</summary>
    public bool? Paused { get; init; }

    /// <summary>The most tasks of the type claimed at once, over every node.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>The most claims of the type per second, over every node.</summary>
    public RateLimitResource? RateLimit { get; init; }

    /// <summary>The type's circuit breaker: when it opens and how long it stays open.</summary>
    public CircuitSettingsResource? Circuit { get; init; }
}

/// <summary>A token bucket: <see cref="PerSecond"/> claims a second on average, at most <see cref="Burst"/> at once.</summary>
public sealed record RateLimitResource(double PerSecond, int? Burst = null);

/// <summary>A breaker opens after <see cref="FailureThreshold"/> failed attempts in a row and probes after <see cref="OpenSeconds"/>.</summary>
public sealed record CircuitSettingsResource(int FailureThreshold, int? OpenSeconds = null);

/// <summary>What is set for an activity type; unset members are left out.</summary>
public sealed record ActivityTypeSettingsResource
{
    public required bool Paused { get; init; }
    public int? MaxConcurrency { get; init; }
    public RateLimitResource? RateLimit { get; init; }
    public CircuitSettingsResource? Circuit { get; init; }
}

/// <summary>
/// A circuit breaker's state: <c>closed</c>, <c>open</c> or <c>half_open</c> (one probe task runs). <see cref="ProbeAt"/>
/// is when an open breaker lets its probe through (none while forced open by an operator).
/// </summary>
public sealed record CircuitResource
{
    public required string ActivityType { get; init; }
    public required string State { get; init; }
    public required int ConsecutiveFailures { get; init; }
    public required bool Forced { get; init; }
    public int? FailureThreshold { get; init; }
    public int? OpenSeconds { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    public DateTimeOffset? ProbeAt { get; init; }
    public DateTimeOffset? ChangedAt { get; init; }
}

/// <summary>One activity type as <c>GET /activity-types</c> shows it: live counts, its live workers, settings and breaker.</summary>
public sealed record ActivityTypeResource
{
    public required string ActivityType { get; init; }
    public required long Pending { get; init; }
    public required long Claimed { get; init; }
    public required long Dead { get; init; }
    public DateTimeOffset? OldestPendingAt { get; init; }
    public required int Workers { get; init; }
    public required ActivityTypeSettingsResource Settings { get; init; }
    public required CircuitResource Circuit { get; init; }
}

/// <summary>Answer of <c>GET /activity-types</c>, by name.</summary>
public sealed record ActivityTypeListResponse(IReadOnlyList<ActivityTypeResource> Data);

/// <summary>Answer of <c>GET /circuit-breakers</c>: the breakers that are set or not at rest, by activity type.</summary>
public sealed record CircuitListResponse(IReadOnlyList<CircuitResource> Data);
