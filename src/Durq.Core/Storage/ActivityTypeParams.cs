using Durq.Core.FlowControl;

namespace Durq.Core.Storage;

/// <summary>
/// Changes an activity type's settings: each member is left as it is when not given (<c>null</c> here), and cleared
/// when given as an empty <see cref="Setting{T}"/>. Applied to the stored settings inside the write.
/// </summary>
internal sealed record SetActivityTypeParams(
    string Tenant, string ActivityType, DateTimeOffset Now,
    bool? Paused = null, Setting<int?>? MaxConcurrency = null, Setting<RateLimit>? RateLimit = null, Setting<CircuitSettings>? Circuit = null)
{
    public ActivityTypeSettings ApplyTo(ActivityTypeSettings current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new ActivityTypeSettings(
            Paused ?? current.Paused,
            MaxConcurrency is { } concurrency ? concurrency.Value : current.MaxConcurrency,
            RateLimit is { } rate ? rate.Value : current.RateLimit,
            Circuit is { } circuit ? circuit.Value : current.Circuit);
    }
}

/// <summary>A setting that was given: its new value, or null to clear it (a value type is given as its nullable form).</summary>
internal sealed record Setting<T>(T? Value);

/// <summary>An operator's command to an activity type's circuit breaker.</summary>
internal enum CircuitCommand
{
    /// <summary>Open it and hold it open, until closed.</summary>
    ForceOpen,

    /// <summary>Close it; counting failures starts again.</summary>
    Close,

    /// <summary>Close it and remove its thresholds: the type has no breaker any more.</summary>
    Remove,
}

internal sealed record SetCircuitParams(string Tenant, string ActivityType, CircuitCommand Command, DateTimeOffset Now);

/// <summary>One activity type as <c>GET /activity-types</c> shows it: its live counts, its workers, its settings and breaker.</summary>
/// <param name="Workers">Live (not stopped) workers registered for the type.</param>
internal sealed record ActivityTypeSummary(
    ActivityTypeState State, long Pending, long Claimed, long Dead, DateTimeOffset? OldestPendingAt, int Workers);
