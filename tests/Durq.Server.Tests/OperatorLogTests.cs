using System.Collections.Concurrent;
using Durq.Core.Workers;
using Durq.Server.Logs;
using Durq.Server.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Tests;

/// <summary>The lines an operator reads in the server log: the worker lifecycle (silences too) and the reaper's reclaims, with their fields.</summary>
public sealed class OperatorLogTests : IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private readonly DurqApiFactory _factory;
    private HttpClient _client = null!;

    public OperatorLogTests()
    {
        _factory = new DurqApiFactory(replaceServices: services => services.AddSingleton<ILoggerProvider>(_log));
    }

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Registration_drain_resume_and_deregistration_are_each_one_line_with_their_fields()
    {
        using (var registered = await _client.PutAsync($"{WorkerApi.Root}/workers/w-log", Http.Json(
            """{"activity_types":["email","sms"],"max_concurrency":3,"worker_group":"mailers","hostname":"box-1","version":"2.4.0"}""")))
        {
            registered.EnsureSuccessStatusCode();
        }

        (await _client.PostEmptyAsync($"{WorkerApi.Root}/workers/w-log/drain")).EnsureSuccessStatusCode();
        (await _client.PostEmptyAsync($"{WorkerApi.Root}/workers/w-log/resume")).EnsureSuccessStatusCode();
        (await _client.DeleteEmptyAsync($"{WorkerApi.Root}/workers/w-log")).EnsureSuccessStatusCode();

        var register = _log.Single(1001);
        Assert.Equal("w-log", register.Field("WorkerId"));
        Assert.Equal("mailers", register.Field("WorkerGroup"));
        Assert.Equal("box-1", register.Field("Hostname"));
        Assert.Equal("2.4.0", register.Field("Version"));
        Assert.Equal("email,sms", register.Field("ActivityTypes"));
        Assert.Equal(3, register.Field("Capacity"));
        Assert.Equal("w-log", _log.Single(1002).Field("WorkerId"));
        Assert.Equal("w-log", _log.Single(1003).Field("WorkerId"));
        Assert.Equal(0, _log.Single(1004).Field("ReleasedTasks"));
    }

    [Fact]
    public async Task A_reclaimed_task_is_logged_with_its_id_its_worker_and_the_reason()
    {
        await _client.RegisterAsync("w-gone", "email");
        var id = await _client.EnqueueAsync("""{"activity_type":"email","input":{}}""");
        await _client.ClaimOneAsync("w-gone", "email");

        // The lease lapses on the node's fake clock; the reaper, on the same clock, takes the task back.
        _factory.Clock.Advance(TimeSpan.FromHours(1));
        var line = await WaitUntil.ConditionAsync(
            () => Task.FromResult(_log.Lines(2001).FirstOrDefault()), found => found is not null, "the reclaim's log line", _factory.Clock);

        Assert.Equal(id, line!.Field("TaskId")!.ToString());
        Assert.Equal("w-gone", line.Field("WorkerId"));
        Assert.Matches("^(lease_expired|timeout)$", line.Field("Reason") as string);
        Assert.Contains(id, line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_gone_silent_is_logged_once_and_again_only_after_it_came_back_and_went_silent_again()
    {
        using (var registered = await _client.PutAsync($"{WorkerApi.Root}/workers/w-quiet", Http.Json(
            """{"activity_types":["email"],"worker_group":"mailers","hostname":"box-2"}""")))
        {
            registered.EnsureSuccessStatusCode();
        }

        var lastHeartbeat = _factory.Clock.GetUtcNow();
        _factory.Clock.Advance(Worker.StoppedAfter + TimeSpan.FromSeconds(1));
        var line = await SilentLinesAsync(1);

        Assert.Equal("w-quiet", line[0].Field("WorkerId"));
        Assert.Equal("mailers", line[0].Field("WorkerGroup"));
        Assert.Equal("box-2", line[0].Field("Hostname"));
        Assert.Equal(lastHeartbeat, line[0].Field("LastHeartbeatAt"));
        Assert.Contains("w-quiet", line[0].Message, StringComparison.Ordinal);

        // Sweeps after the line (the reaper's own, on each tick of the clock, and one run here) log nothing more.
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await Reaper.LogSilentWorkersAsync(CancellationToken.None));
        Assert.Single(_log.Lines(1005));

        (await _client.PostAsync($"{WorkerApi.Root}/workers/w-quiet/heartbeat", Http.Json("""{"current_load":1}"""))).EnsureSuccessStatusCode();
        var cameBack = _factory.Clock.GetUtcNow();
        Assert.Equal(0, await Reaper.LogSilentWorkersAsync(CancellationToken.None));
        _factory.Clock.Advance(Worker.StoppedAfter + TimeSpan.FromSeconds(1));

        var lines = await SilentLinesAsync(2);
        Assert.Equal(2, lines.Count);
        Assert.Equal(cameBack, lines[1].Field("LastHeartbeatAt"));
    }

    private LeaseReaper Reaper => _factory.Services.GetServices<IHostedService>().OfType<LeaseReaper>().Single();

    /// <summary>The node's "worker gone silent" lines, once there are <paramref name="count"/> (the reaper runs on the fake clock).</summary>
    private async Task<List<LogLine>> SilentLinesAsync(int count) => await WaitUntil.ConditionAsync(
        () => Task.FromResult(_log.Lines(1005).ToList()), found => found.Count >= count, $"{count} 'worker gone silent' lines", _factory.Clock);

    [Fact]
    public async Task The_banner_names_the_store_the_auth_mode_and_the_dashboard()
    {
        var banner = StartupBanner.DashboardUrl("http://0.0.0.0:8080");
        Assert.Equal("http://localhost:8080/dashboard/", banner);
        Assert.Equal("https://127.0.0.1:9443/dashboard/", StartupBanner.DashboardUrl("https://127.0.0.1:9443"));
        await Task.CompletedTask;
    }
}

/// <summary>Every log entry of the node, with its event id and structured fields, for tests to look through.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IEnumerable<LogLine> Lines(int eventId) => _lines.Where(line => line.EventId == eventId);

    public LogLine Single(int eventId) => Assert.Single(Lines(eventId));

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
            lines.Enqueue(new LogLine(eventId.Id, formatter(state, exception), fields));
        }
    }
}

internal sealed record LogLine(int EventId, string Message, IReadOnlyDictionary<string, object?> Fields)
{
    public object? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;
}
