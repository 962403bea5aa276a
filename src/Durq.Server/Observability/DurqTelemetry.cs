using System.Diagnostics;

namespace Durq.Server.Observability;

/// <summary>The names Durq's server publishes its telemetry under, and its one activity source.</summary>
public static class DurqTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="ActivitySource"/> name of the server (and of the store's meter).</summary>
    public const string Name = "Durq";

    /// <summary>The value of <c>messaging.system</c> on every Durq span.</summary>
    public const string MessagingSystem = "durq";

    internal static readonly ActivitySource Source = new(Name);
}
