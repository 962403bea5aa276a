using Durq.Server.Auth;
using Durq.Server.Observability;

namespace Durq.Server.Hosting;

/// <summary>The configuration sections <c>durq serve</c> reads.</summary>
public static class DurqSettings
{
    /// <summary>
    /// Durq's own sections, then the two of ASP.NET Core that its documentation names (certificates, log levels). Only
    /// these may be set on the command line (<c>--Section:Key=value</c>), so a mistyped section is refused rather than
    /// ignored; any other setting still reaches the server from <c>appsettings.json</c> or a <c>DURQ_</c> variable.
    /// </summary>
    public static IReadOnlyList<string> Sections { get; } =
    [
        AuthOptions.Section, LimitsOptions.Section, ObservabilityOptions.Section, QueueOptions.Section, RetentionOptions.Section,
        StorageSection, WorkersOptions.Section, "Kestrel", "Logging",
    ];

    /// <summary>The section of the store's settings (<c>Storage:DataDir</c>, <c>Storage:Postgres</c>, …).</summary>
    public const string StorageSection = "Storage";
}
