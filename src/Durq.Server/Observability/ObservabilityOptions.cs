namespace Durq.Server.Observability;

/// <summary>The <c>Observability</c> configuration section (docs/observability.md).</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>
    /// Metrics: <c>GET /metrics</c> and, with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, OTLP export. Default on. Off, no
    /// meter is listened to, so every instrument's record is a no-op, the queue gauges never read the store, and
    /// <c>/metrics</c> answers 404.
    /// </summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// Traces: the <c>Durq</c> activity source's spans (enqueue, claim) and ASP.NET Core's server spans, exported
    /// through OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Default on. Off, Durq starts no span even for an
    /// in-process listener, and a task keeps the producer's <c>traceparent</c> header as it came.
    /// </summary>
    public bool Tracing { get; set; } = true;

    /// <summary>
    /// With tracing on, also ASP.NET Core's server span for every request (OpenTelemetry's ASP.NET Core instrumentation).
    /// Default off: it costs about a quarter of enqueue throughput on a 2-core machine whatever the sampler keeps
    /// (docs/BENCHMARKS.md, "Metrics and traces"), and the trace from producer to worker is whole without it, as Durq's
    /// <c>send</c> span continues the request's <c>traceparent</c> itself.
    /// </summary>
    public bool HttpSpans { get; set; }
}
