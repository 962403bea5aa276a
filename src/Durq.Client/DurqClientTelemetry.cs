namespace Durq.Client;

/// <summary>
/// What the SDK publishes its traces under, for <c>AddSource</c> in an OpenTelemetry tracer (docs/observability.md):
/// each task runs its handler in a consumer span named <c>process {activity_type}</c>, the child of the producer span
/// the task was enqueued in, with OpenTelemetry's messaging attributes.
/// </summary>
public static class DurqClientTelemetry
{
    /// <summary>The name of the SDK's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Durq.Client";
}
