using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Durq.Server.Observability;

/// <summary>
/// Registers metrics and traces through OpenTelemetry as <c>Observability:Metrics</c> and <c>Observability:Tracing</c>
/// say (docs/observability.md): the <c>Durq</c> meter and ASP.NET Core's for <c>/metrics</c>, and OTLP export of both
/// through the standard <c>OTEL_*</c> variables when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class ObservabilityServiceCollectionExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // ASP.NET Core's own meters: request durations and active requests (Hosting), connections (Kestrel).
    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddDurqObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ObservabilityOptions.Section);
        services.AddOptions<ObservabilityOptions>().Bind(section);
        var options = section.Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        services.AddMetrics();
        services.AddSingleton<DurqMetrics>();
        services.AddSingleton<DurqTracing>();
        var otlp = Setting(configuration, OtlpEndpointKey) is not null;
        // Spans with nowhere to go are not made: tracing needs an OTLP endpoint (or, embedded, a listener of the host's own).
        var tracing = options.Tracing && otlp;
        if (!options.Metrics && !tracing)
        {
            return services;
        }

        // An explicit service name would override OTEL_SERVICE_NAME, so "durq" is only the fallback.
        var serviceName = Setting(configuration, "OTEL_SERVICE_NAME") ?? "durq";
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        if (options.Metrics)
        {
            services.AddSingleton<QueueGauges>();
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter([DurqTelemetry.Name, .. AspNetCoreMeters]).AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        if (tracing)
        {
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(DurqTelemetry.Name).AddOtlpExporter();
                if (options.HttpSpans)
                {
                    // A scrape every few seconds is no one's trace.
                    traces.AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => http.Request.Path != MetricsEndpoint.Path);
                }

                if (Setting(configuration, "OTEL_TRACES_SAMPLER") is null)
                {
                    traces.SetSampler(DefaultSampler(configuration));
                }
            });
        }

        return services;
    }

    /// <summary>
    /// Without <c>OTEL_TRACES_SAMPLER</c>: a request that comes with a trace keeps its caller's decision, and one that
    /// starts a trace is sampled at <c>OTEL_TRACES_SAMPLER_ARG</c>, else 10 % (docs/observability.md, "Sampling");
    /// <c>OTEL_TRACES_SAMPLER=parentbased_always_on</c> records them all.
    /// </summary>
    private static ParentBasedSampler DefaultSampler(IConfiguration configuration)
    {
        var ratio = double.TryParse(Setting(configuration, "OTEL_TRACES_SAMPLER_ARG"), NumberStyles.Float, CultureInfo.InvariantCulture, out var arg)
            && arg is >= 0 and <= 1 ? arg : DefaultSampleRatio;
        return new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));
    }

    private const double DefaultSampleRatio = 0.1;

    /// <summary>An <c>OTEL_*</c> setting: from configuration (which holds the environment under <c>durq serve</c>), else the environment.</summary>
    private static string? Setting(IConfiguration configuration, string key) =>
        (configuration[key] ?? Environment.GetEnvironmentVariable(key)) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
