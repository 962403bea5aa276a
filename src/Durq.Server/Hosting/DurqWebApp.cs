using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Durq.Server.Hosting;

/// <summary>Builds the web application that <c>durq serve</c> runs.</summary>
public static class DurqWebApp
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <param name="args">Remaining command-line arguments, in ASP.NET Core's <c>--Key=value</c> form.</param>
    /// <param name="overrides">Settings from the CLI's own flags; they win over every other source.</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        // Configuration order, last wins: appsettings, ASPNETCORE_/DOTNET_ variables, DURQ_ variables, then the command
        // line (--Section:Key=value, added again so it outranks DURQ_), then durq's own flags.
        builder.Configuration.AddEnvironmentVariables("DURQ_");
        builder.Configuration.AddCommandLine(args);
        builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.AddDurq(builder.Configuration);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var limits = context.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });

        var app = builder.Build();
        app.UseDurq();
        return app;
    }
}
