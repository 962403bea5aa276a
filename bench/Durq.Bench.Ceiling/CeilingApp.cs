namespace Durq.Bench.Ceiling;

/// <summary>
/// Kestrel as <c>durq serve</c> sets it up (src/Durq.Server/Hosting/DurqWebApp.cs): configuration read once and not
/// watched, no Server header, the default 2 MiB body limit, logging at Warning; minus everything a durable server does
/// beyond HTTP (auth, the store, problem documents).
/// </summary>
internal static class CeilingApp
{
    private const int MaxRequestBytes = 2 * 1024 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false", .. args] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.MapPost("/api/v1/durable/tasks", EnqueueEndpoint.HandleAsync);
        // durq bench waits for this answer before it sends load, as it does for durq serve.
        app.MapGet("/api/v1/durable/health", () => Results.Json(new { status = "ok" }));
        return app;
    }
}
