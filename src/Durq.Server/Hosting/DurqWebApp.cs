using Durq.Server.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durq.Server.Hosting;

/// <summary>Builds the web application that <c>durq serve</c> runs.</summary>
public static class DurqWebApp
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>
    /// Defaults below every other configuration source. ASP.NET Core writes four Information lines per request; at tens
    /// of thousands of requests a second that console output costs more than the work itself, so the framework logs
    /// warnings and up unless <c>Logging:LogLevel:Microsoft.AspNetCore</c> is set (durq's own Information lines stay).
    /// </summary>
    private static readonly Dictionary<string, string?> QuietDefaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // ASP.NET Core's authentication logs each request without a usable key; Durq logs refused keys itself, once each.
        ["Logging:LogLevel:Durq.Server.Auth.ApiKeyAuthentication"] = "Warning",
        // The host logs a failed start with its exception, which RunAsync then raises as one line of its own (the stack
        // trace with --verbose); its critical line about a background service that stopped the host stays.
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
    };

    /// <param name="args">Remaining command-line arguments, in ASP.NET Core's <c>--Key=value</c> form.</param>
    /// <param name="overrides">Settings from the CLI's own flags; they win over every other source.</param>
    /// <exception cref="DurqStartupException">A setting holds a value it cannot take, or an https address has no usable certificate.</exception>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?> overrides)
    {
        try
        {
            return BuildApp(args, overrides);
        }
        catch (Exception error) when (StartupFailures.Describe(error, urls: null) is { } failure)
        {
            throw failure;
        }
    }

    private static WebApplication BuildApp(string[] args, IReadOnlyDictionary<string, string?> overrides)
    {
        // appsettings.json is read once at start: watching the working folder for changes costs a thread woken by every
        // file event there (noticeable when that folder is busy, such as /tmp), and no setting of Durq changes live.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false", .. args] });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietDefaults });
        // Configuration order, last wins: appsettings, ASPNETCORE_/DOTNET_ variables, DURQ_ variables, then the command
        // line (--Section:Key=value, added again so it outranks DURQ_), then durq's own flags.
        builder.Configuration.AddEnvironmentVariables("DURQ_");
        builder.Configuration.AddCommandLine(args);
        builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        SettingValuesCheck.EnsureConvertible(builder.Configuration);
        LogFormat.Apply(builder.Logging, builder.Configuration);
        // Kestrel reads its own section (Kestrel:Certificates, Kestrel:Endpoints) from this same configuration.
        HttpsCertificateCheck.EnsureUsable(builder.Configuration, builder.Environment.ContentRootPath);

        builder.Services.AddDurq(builder.Configuration);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var limits = context.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBytes;
            kestrel.AddServerHeader = false;
            // Plain HTTP/1.1 bytes only: on an HTTPS endpoint this must run inside UseHttps to see them (it passes
            // encrypted bytes through unchanged otherwise).
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(DurqConnection.Wrap));
        });

        var app = builder.Build();
        app.UseDurq();
        return app;
    }

    /// <summary>
    /// Runs the server until it stops; throws <see cref="DurqStartupException"/> when it could not start as configured
    /// (an address in use or not an address, a setting out of range) or stopped itself at start.
    /// </summary>
    public static async Task RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var refusal = app.Services.GetRequiredService<StartupRefusal>();
        try
        {
            await app.StartAsync();
        }
        catch (Exception error)
        {
            // Stopped, so the services that did start end as in a shutdown, not as failures the host would log.
            await app.StopAsync();
            if (StartupFailures.Describe(error, app.Configuration["urls"]) is { } failure)
            {
                throw failure;
            }

            throw;
        }

        await app.WaitForShutdownAsync();
        if (refusal.Message is { } refused)
        {
            throw new DurqStartupException(refused);
        }
    }
}
