using System.Net;
using System.Net.Http.Headers;
using Durq.Client;
using Durq.Contracts;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// <c>GET /metrics</c> of a real <c>durq serve</c>, read over HTTP and parsed by a strict Prometheus text parser: every
/// series API.md names is there, the counters and histograms move with enqueue, claim, complete and fail, the gauges
/// show the store, and a key of another tenant sees none of this tenant's series.
/// </summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private const string Type = "metered";
    private static readonly (string, string) Tenant = ("tenant", "default");
    private static readonly (string, string) ActivityType = ("activity_type", Type);

    private readonly TempDir _data = new();
    private DurqProcess _durq = null!;
    private string _key = "";
    private string _otherKey = "";

    public async Task InitializeAsync()
    {
        _key = await CreateKeyAsync("default", "admin");
        _otherKey = await CreateKeyAsync("other", "read");
        _durq = await DurqProcess.StartAsync(_data.Path);
    }

    public async Task DisposeAsync()
    {
        await _durq.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Every_named_series_is_exposed_and_moves_with_the_work()
    {
        using var http = Client(_key);
        var client = new DurqClient(http);
        await client.RegisterWorkerAsync("meter-1", new RegisterWorkerRequest { ActivityTypes = [Type], MaxConcurrency = 4 });
        var before = await ScrapeAsync(http);
        Assert.Null(before.Value("durq_tasks_enqueued_total", Tenant, ActivityType));

        for (var i = 0; i < 4; i++)
        {
            await client.EnqueueAsync(Type, new RawJson($"{{\"n\":{i}}}"));
        }

        var claimed = await client.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = "meter-1", ActivityTypes = [Type], MaxTasks = 3 });
        Assert.Equal(3, claimed.Count);
        await client.CompleteTasksAsync([new TaskCompletionInput { TaskId = claimed[0].Id, LeaseId = claimed[0].LeaseId }]);
        await client.CompleteTaskAsync(claimed[1].Id, claimed[1].LeaseId);
        await client.FailTaskAsync(claimed[2].Id, claimed[2].LeaseId, new TaskErrorInput("no such mailbox", "bounced"), retryable: false);

        // The gauges are read from the store at most every 5 s: wait for a read after the work, with a deadline.
        var after = await WaitUntil.ConditionAsync(() => ScrapeAsync(http),
            m => m.Value("durq_dlq_size", Tenant, ActivityType) == 1, "the gauges to show the dead task");

        Assert.All(SeriesApiMdNames, name => Assert.True(after.Families.ContainsKey(name), $"{name} is missing"));
        Assert.Equal(("counter", "histogram", "gauge"),
            (after["durq_tasks_enqueued_total"].Type, after["durq_task_run_seconds"].Type, after["durq_queue_pending"].Type));
        Assert.Equal(4, after.Value("durq_tasks_enqueued_total", Tenant, ActivityType));
        Assert.Equal(2, after.Value("durq_tasks_completed_total", Tenant, ActivityType));
        Assert.Equal(1, after.Value("durq_task_attempts_failed_total", Tenant, ActivityType, ("error_type", "bounced")));
        Assert.Equal(1, after.Value("durq_tasks_dead_total", Tenant, ActivityType));
        Assert.Equal(3, after.Value("durq_task_wait_seconds_count", Tenant, ActivityType));
        // The batch completion and the failure are timed; the single completion's store answer has no claim time.
        Assert.Equal(2, after.Value("durq_task_run_seconds_count", Tenant, ActivityType));
        Assert.Equal(1, after.Value("durq_queue_pending", Tenant, ActivityType));
        Assert.Equal(0, after.Value("durq_queue_claimed", Tenant, ActivityType));
        Assert.True(after.Value("durq_queue_oldest_pending_age_seconds", Tenant, ActivityType) >= 0);
        Assert.Equal(1, after.Value("durq_workers", Tenant, ("status", "active")));
        Assert.True(after.Value("durq_store_commit_batch_size_count") > before.Value("durq_store_commit_batch_size_count"));
        Assert.True(after.Value("durq_store_commit_duration_seconds_count") > 0);
        Assert.Contains(after["http_server_request_duration_seconds"].Samples,
            s => s.Labels.GetValueOrDefault("http_route") == "/api/v1/durable/tasks/claim");
    }

    [Fact]
    public async Task A_key_of_another_tenant_sees_only_its_own_series_and_the_nodes()
    {
        using var http = Client(_key);
        await new DurqClient(http).EnqueueAsync(Type, new RawJson("{}"));
        using var other = Client(_otherKey);

        var seen = await ScrapeAsync(other);

        Assert.DoesNotContain(seen.Families.Values.SelectMany(f => f.Samples), s => s.Labels.GetValueOrDefault("tenant") is "default");
        Assert.Contains(seen.Families.Values.SelectMany(f => f.Samples), s => s.Labels.GetValueOrDefault("tenant") is "other");
        Assert.True(seen.Value("durq_store_commit_batch_size_count") > 0);
        Assert.True((await ScrapeAsync(http)).Value("durq_tasks_enqueued_total", Tenant, ActivityType) >= 1);
    }

    [Fact]
    public async Task Metrics_need_a_key_once_one_exists()
    {
        using var anonymous = _durq.CreateClient();

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The Prometheus names of API.md § Observability, with the store's group commit and ASP.NET Core's HTTP duration.</summary>
    private static readonly string[] SeriesApiMdNames =
    [
        "durq_tasks_enqueued_total", "durq_tasks_completed_total", "durq_task_attempts_failed_total", "durq_tasks_dead_total",
        "durq_task_run_seconds", "durq_task_wait_seconds", "durq_queue_pending", "durq_queue_claimed",
        "durq_queue_oldest_pending_age_seconds", "durq_dlq_size", "durq_workers",
        "durq_store_commit_batch_size", "durq_store_commit_duration_seconds", "http_server_request_duration_seconds",
    ];

    private HttpClient Client(string key)
    {
        var client = _durq.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> CreateKeyAsync(string tenant, string scopes)
    {
        var created = await ProcessRun.RunAsync(
            RepositoryProgram.StartInfo(RepositoryProgram.Durq, ["keys", "create", "--data-dir", _data.Path, "--tenant", tenant, "--scopes", scopes]),
            TimeSpan.FromSeconds(60));
        Assert.True(created.ExitCode == 0, created.ToString());
        return created.Stdout.Trim();
    }
}
