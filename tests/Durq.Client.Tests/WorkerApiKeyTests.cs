using System.Collections.Concurrent;
using Durq.Contracts;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Durq.Client.Tests;

/// <summary><see cref="DurqWorkerOptions.ApiKey"/>: a worker's whole life against a real node in memory, every request seen.</summary>
public sealed class WorkerApiKeyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "durq_0123456789ab_K3yS3cr3t";

    private readonly DurqApiFactory _node = new();
    private readonly ConcurrentQueue<(string Route, string? Authorization)> _requests = new();
    private DurqClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _node.CreateDurqClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Every_request_of_the_worker_carries_its_key()
    {
        var completed = await _client.EnqueueAsync("ok", new RawJson("1"));
        var failed = await _client.EnqueueAsync("bad", new RawJson("2"), new TaskOptionsContract { MaxAttempts = 1 });
        await using (var worker = StartWorker(options => options.ApiKey = Key))
        {
            await worker.StartAsync();
            await WaitForStatusAsync(completed, "completed");
            await WaitForStatusAsync(failed, "dead");
            var registered = (await _client.ListWorkersAsync()).Data.Single().LastHeartbeatAt;
            await WaitUntil.ConditionAsync(() => _client.ListWorkersAsync(), list => list.Data.Single().LastHeartbeatAt > registered,
                "a worker heartbeat", _node.Clock);
            await worker.StopAsync();
        }

        var routes = _requests.Select(request => request.Route).ToHashSet();
        foreach (var route in (string[])["PUT workers/{w}", "POST workers/{w}/heartbeat", "POST tasks/claim", "POST tasks/{id}/heartbeat", "POST tasks/{id}/fail", "DELETE workers/{w}"])
        {
            Assert.Contains(route, routes);
        }

        Assert.True(routes.Contains("POST tasks/complete") || routes.Contains("POST tasks/{id}/complete"), string.Join(", ", routes));
        Assert.All(_requests, request => Assert.Equal($"Bearer {Key}", request.Authorization));
    }

    [Fact]
    public async Task A_worker_without_a_key_sends_no_authorization()
    {
        var id = await _client.EnqueueAsync("ok", new RawJson("1"));
        await using (var worker = StartWorker(configure: null))
        {
            await worker.StartAsync();
            await WaitForStatusAsync(id, "completed");
        }

        Assert.Contains("POST tasks/claim", _requests.Select(request => request.Route));
        Assert.All(_requests, request => Assert.Null(request.Authorization));
    }

    [Fact]
    public async Task A_malformed_key_stops_the_host_at_start_without_showing_the_key()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddDurqWorker(options =>
        {
            options.ServerUrl = new Uri("http://durq.test/");
            options.ApiKey = Key + "\n";
        }).Handle("ok", (_, _) => Task.FromResult<RawJson?>(null));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("ApiKey is malformed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", error.Message, StringComparison.Ordinal);
    }

    private WorkerHost StartWorker(Action<DurqWorkerOptions>? configure) => new(
        _node, output,
        worker => worker
            .Handle("ok", async (_, context) =>
            {
                await context.HeartbeatAsync();
                return new RawJson("\"done\"");
            })
            .Handle("bad", (_, _) => throw new InvalidOperationException("boom")),
        configure,
        inner => new Recording(inner, _requests));

    private Task<TaskResource> WaitForStatusAsync(string id, string status) =>
        WaitUntil.ConditionAsync(() => _client.GetTaskAsync(id), task => task.Status == status, $"task {id} to be {status}", _node.Clock);

    /// <summary>Notes each request's route (ids as placeholders) and its Authorization header.</summary>
    private sealed class Recording(HttpMessageHandler inner, ConcurrentQueue<(string, string?)> requests) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/')[4..]
                .Select(segment => segment == WorkerHost.WorkerId ? "{w}" : Guid.TryParse(segment, out _) ? "{id}" : segment);
            requests.Enqueue(($"{request.Method} {string.Join('/', segments)}", request.Headers.Authorization?.ToString()));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
