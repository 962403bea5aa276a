using System.Net;
using Durq.Server.Observability;

namespace Durq.Server.Tests.Observability;

/// <summary>
/// The scrapes parse a node's whole exposition, so no other node may serve requests in this process meanwhile: the
/// exporter listens to ASP.NET Core's meters by name, and each in-process host has its own meter of that name, so a
/// host of a test running in parallel adds a second set of the same series (its buckets then read as falling). A
/// production process has one host.
/// </summary>
[CollectionDefinition(nameof(MetricsScrapes), DisableParallelization = true)]
public sealed class MetricsScrapes;

/// <summary>The switch that turns metrics off, and what <c>/metrics</c> keeps of an exposition for one tenant.</summary>
[Collection(nameof(MetricsScrapes))]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task With_metrics_off_there_is_no_metrics_route()
    {
        await using var node = new DurqApiFactory(new Dictionary<string, string?> { ["Observability:Metrics"] = "false" });
        using var client = node.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_metrics_on_a_keyless_local_caller_scrapes_its_tenant()
    {
        await using var node = new DurqApiFactory();
        using var client = node.CreateClient();
        using var enqueued = await client.PostJsonAsync(Http.Tasks, """{"activity_type":"scraped","input":1}""");

        var text = await client.GetStringAsync("/metrics");

        var metrics = PrometheusText.Parse(text);
        Assert.True(metrics.Value("durq_tasks_enqueued_total", ("tenant", "default"), ("activity_type", "scraped")) >= 1);
    }

    [Fact]
    public void Only_the_callers_tenant_and_tenantless_samples_are_kept()
    {
        const string exposition = """
            # TYPE durq_queue_pending gauge
            # HELP durq_queue_pending Pending tasks.
            durq_queue_pending{otel_scope_name="Durq",activity_type="a",tenant="acme"} 3
            durq_queue_pending{otel_scope_name="Durq",activity_type="a",tenant="acme-2"} 4
            durq_queue_pending{otel_scope_name="Durq",activity_type="a",tenant="beta"} 5
            # TYPE durq_task_attempts_failed_total counter
            durq_task_attempts_failed_total{activity_type="a",error_type="x\",tenant=\"acme",tenant="beta"} 1
            durq_task_attempts_failed_total{activity_type="a",error_type="y",tenant="acme"} 2
            # TYPE durq_store_commit_batch_size_count gauge
            durq_store_commit_batch_size_count{otel_scope_name="Durq"} 9
            # EOF
            """;

        var kept = TenantSeries.Keep(exposition, "acme");

        Assert.Equal("""
            # TYPE durq_queue_pending gauge
            # HELP durq_queue_pending Pending tasks.
            durq_queue_pending{otel_scope_name="Durq",activity_type="a",tenant="acme"} 3
            # TYPE durq_task_attempts_failed_total counter
            durq_task_attempts_failed_total{activity_type="a",error_type="y",tenant="acme"} 2
            # TYPE durq_store_commit_batch_size_count gauge
            durq_store_commit_batch_size_count{otel_scope_name="Durq"} 9
            # EOF
            """, kept);
    }
}
