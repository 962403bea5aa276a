using Durq.Server.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

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
    };

    /// <param name="args">Remaining command-line arguments, in ASP.NET Core's <c>--Key=value</c> form.</param>
    /// <param name="overrides">Settings from the CLI's own flags; they win over every other source.</param>
    /// <exception cref="DurqStartupException">An https address has no usable certificate.</exception>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?> overrides)
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

    /// <summary>Runs the server until it stops; throws <see cref="DurqStartupException"/> when it stopped itself at start.</summary>
    public static async Task RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Taken first: running disposes the services.
        var refusal = app.Services.GetRequiredService<StartupRefusal>();
        await app.RunAsync();
        if (refusal.Message is { } refused)
        {
            throw new DurqStartupException(refused);
        }
    }
}
