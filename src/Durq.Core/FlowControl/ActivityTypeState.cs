namespace Durq.Core.FlowControl;

/// <summary>
/// One activity type of a tenant as the store keeps it: the operator's settings and the state that enforcing them needs
/// (the rate limit's bucket, the breaker). A type has a row only once something was set for it; every other type
/// behaves as <see cref="Default"/>.
/// </summary>
internal sealed record ActivityTypeState(
    string Tenant, string ActivityType, ActivityTypeSettings Settings, TokenBucket? Bucket, Circuit Circuit, DateTimeOffset UpdatedAt)
{
    public static ActivityTypeState Default(string tenant, string activityType, DateTimeOffset now) =>
        new(tenant, activityType, ActivityTypeSettings.None, null, Circuit.Closed, now);

    /// <summary>Whether anything could hold back a claim of the type: only then does a claim read more than its tasks.</summary>
    public bool LimitsClaims => !Settings.IsEmpty || !Circuit.IsAtRest;

    /// <summary>The type with new settings: a rate limit that is new or changed starts with a full bucket.</summary>
    public ActivityTypeState WithSettings(ActivityTypeSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bucket = settings.RateLimit is null ? null
            : settings.RateLimit == Settings.RateLimit && Bucket is not null ? Bucket
            : TokenBucket.Full(settings.RateLimit, now);
        return this with { Settings = settings, Bucket = bucket, UpdatedAt = now };
    }
}
