using System.Net.Http.Json;
using System.Text.Json;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// Real processes: <c>durq serve</c> and the sample <c>DurqWorker</c> host. A worker killed with SIGKILL in the middle
/// of a task leaves it claimed; when its lease runs out the reaper hands it to another worker, which finishes it.
/// </summary>
public sealed class WorkerFailoverTests : IAsyncLifetime
{
    /// <summary>Real processes on shared cores: each wait gets a minute.</summary>
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(60);

    private readonly TempDir _data = new();
    private readonly TempDir _markers = new();
    private DurqProcess _durq = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _durq = await DurqProcess.StartAsync(_data.Path);
        _http = _durq.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _durq.DisposeAsync();
        _data.Dispose();
        _markers.Dispose();
    }

    private ChildProcess StartWorker(string workerId) => ChildProcess.Start(
        Path.Combine("samples", "Durq.Samples.Worker"),
        [$"--Durq:Url={_durq.BaseAddress}", $"--Durq:WorkerId={workerId}", $"--Durq:MarkerDir={_markers.Path}"]);

    private async Task<string> EnqueueAsync(string activityType, object input, object options)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/durable/tasks", new { activity_type = activityType, input, options });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task_id").GetString()!;
    }

    private Task<JsonElement> GetTaskAsync(string id) => _http.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks/" + id);

    private Task<JsonElement> TaskReachesAsync(string id, string status) => WaitUntil.ConditionAsync(
        () => GetTaskAsync(id), task => task.GetProperty("status").GetString() == status, $"task {id} to be {status}",
        within: ProcessDeadline);

    [Fact]
    public async Task A_task_whose_worker_is_killed_mid_run_is_finished_by_another_worker_after_its_lease()
    {
        await using var first = StartWorker("first");
        var id = await EnqueueAsync("sample.sleep", new { ms = 120_000, retryMs = 10 },
            new { heartbeat_timeout_seconds = 2, max_attempts = 3, retry = new { initial_interval_ms = 100 } });
        var marker = Path.Combine(_markers.Path, id + ".started");
        await WaitUntil.HoldsAsync(() => Task.FromResult(File.Exists(marker)), "the first worker to start the task", ProcessDeadline);
        Assert.Equal("claimed", (await GetTaskAsync(id)).GetProperty("status").GetString());

        await first.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await using var second = StartWorker("second");
        var done = await TaskReachesAsync(id, "completed");

        Assert.Equal("second", done.GetProperty("result").GetProperty("worker").GetString());
        Assert.Equal(2, done.GetProperty("attempt").GetInt32());
        var error = Assert.Single(done.GetProperty("errors").EnumerateArray());
        Assert.Equal("lease_expired", error.GetProperty("type").GetString());
        // The lease had up to 2 s left when the worker died; the reaper takes it back within about a second after.
        Assert.True(error.GetProperty("at").GetDateTimeOffset() - killedAt < TimeSpan.FromSeconds(4), error.GetRawText());
    }

    [Fact]
    public async Task The_sdk_worker_host_runs_tasks_retries_failures_and_drains_on_sigterm()
    {
        await using var worker = StartWorker("only");
        var echo = await EnqueueAsync("sample.echo", new { hello = "world" }, new { });
        var failing = await EnqueueAsync("sample.fail", 1, new { max_attempts = 2, retry = new { initial_interval_ms = 50 } });

        Assert.Equal("world", (await TaskReachesAsync(echo, "completed")).GetProperty("result").GetProperty("hello").GetString());
        var dead = await TaskReachesAsync(failing, "dead");
        Assert.All(dead.GetProperty("errors").EnumerateArray(), e =>
            Assert.Equal("System.InvalidOperationException", e.GetProperty("type").GetString()));

        await worker.TerminateAsync();
        Assert.Equal(0, worker.ExitCode);
        var workers = await _http.GetFromJsonAsync<JsonElement>("/api/v1/durable/workers");
        Assert.DoesNotContain(workers.GetProperty("data").EnumerateArray(), w => w.GetProperty("id").GetString() == "only");
    }
}
