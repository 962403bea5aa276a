using Durq.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Durq.Server.Observability;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text exposition of OpenTelemetry's exporter, with the <c>read</c> scope like
/// every other GET, showing the caller's tenant's series and the node's own (those with no <c>tenant</c> label):
/// another tenant's series never leave the node through a key of this one (docs/observability.md, "Access").
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<IOptions<ObservabilityOptions>>().Value.Metrics)
        {
            // Made now, so the gauges exist before the first scrape.
            _ = routes.ServiceProvider.GetRequiredService<QueueGauges>();
            routes.MapPrometheusScrapingEndpoint(Path, meterProvider: null, branch => branch.Use(KeepCallersTenantAsync), optionsName: null)
                // The exporter maps every method; a scrape is a GET, and routing answers others 405.
                .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
                .WithName("ScrapeMetrics");
        }

        return routes;
    }

    private static async Task KeepCallersTenantAsync(HttpContext context, RequestDelegate next)
    {
        var tenant = ApiCaller.Of(context.User)?.Tenant
            ?? throw new InvalidOperationException("/metrics was reached without an authenticated caller.");
        var response = context.Response.Body;
        using var exposition = new MemoryStream();
        context.Response.Body = exposition;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = response;
        }

        var text = TenantSeries.Keep(System.Text.Encoding.UTF8.GetString(exposition.GetBuffer(), 0, (int)exposition.Length), tenant);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await response.WriteAsync(bytes, context.RequestAborted);
    }
}
