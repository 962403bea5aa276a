using System.Reflection;
using Durq.Core.Storage;
using Durq.Server.Auth;
using Durq.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Logs;

/// <summary>
/// The one line a started node writes once it is bound: where it listens, its version, its store, how requests are
/// authenticated and where the dashboard is. Nothing is written for a node that refused to start.
/// </summary>
internal sealed partial class StartupBanner(
    ITaskStore store, IServer server, IOptions<AuthOptions> auth, ApiKeyDirectory keys, StartupRefusal refusal,
    IHostApplicationLifetime lifetime, ILogger<StartupBanner> logger) : IHostedService
{
    public const string DashboardPath = "/dashboard/";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (refusal.Message is not null)
            {
                return;
            }

            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            LogStarted(string.Join(", ", addresses), Version, store.Description, AuthSummary(), addresses.Count == 0 ? "" : DashboardUrl(addresses[0]));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The informational version of the running program (durq's, or the host's in tests), without the commit suffix when it has none.</summary>
    public static string Version { get; } =
        (Assembly.GetEntryAssembly() ?? typeof(StartupBanner).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    /// <summary>The dashboard's address as a browser on this machine reaches it: a wildcard host becomes localhost.</summary>
    public static string DashboardUrl(string address)
    {
        var url = new UriBuilder(address);
        if (url.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            url.Host = "localhost";
        }

        url.Path = DashboardPath;
        return url.Uri.AbsoluteUri;
    }

    private string AuthSummary() => auth.Value.Mode switch
    {
        AuthMode.None => "none (no request needs a key)",
        AuthMode.Required => "required (every request needs a key)",
        _ when keys.HasActiveKeys => "auto (keys exist: every request needs one)",
        _ => "auto (no key yet: requests on loopback are served without one)",
    };

    [LoggerMessage(EventId = 1, EventName = "Started", Level = LogLevel.Information, Message =
        "Durq listening on {Addresses} (version {Version}); store: {Store}; auth: {AuthMode}; dashboard: {DashboardUrl}")]
    private partial void LogStarted(string addresses, string version, string store, string authMode, string dashboardUrl);
}
