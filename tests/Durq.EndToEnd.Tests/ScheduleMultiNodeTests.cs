using Durq.Client;
using Durq.Contracts;
using Xunit.Abstractions;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// Schedules over three <c>durq serve</c> processes on one PostgreSQL database: every node fires every schedule, one
/// node is killed with SIGKILL half-way, and each fire time still enqueues exactly one task, within a second.
/// </summary>
public sealed class ScheduleMultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seconds = 20;

    private readonly List<DurqProcess> _nodes = [];
    private readonly List<HttpClient> _clients = [];
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _clients.ForEach(c => c.Dispose());
        await _postgres.DisposeAsync();
    }

    private DurqClient ClientOf(DurqProcess node)
    {
        var http = node.CreateClient();
        _clients.Add(http);
        return new DurqClient(http);
    }

    [Fact]
    public async Task An_every_second_schedule_on_three_nodes_enqueues_one_task_per_second_through_a_node_killed_half_way()
    {
        _nodes.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            DurqProcess.StartOnPostgresAsync(_postgres.ConnectionString, "--max-pending", "0"))));
        var clients = _nodes.Select(ClientOf).ToList();
        var schedule = await clients[0].CreateScheduleAsync(new CreateScheduleRequest
        {
            Name = "every-second",
            ActivityType = "sched.tick",
            Input = new RawJson("{}"),
            Cron = "* * * * * *",
        });
        var first = schedule.NextFireAt!.Value;
        var last = first.AddSeconds(Seconds - 1);

        // Kill the node that created it (and whose firer was woken by it) half-way through the window.
        await WaitUntil.HoldsAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= first.AddSeconds(Seconds / 2)), "half of the window");
        await _nodes[0].KillAsync();
        await WaitUntil.HoldsAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= last.AddSeconds(2)), "the end of the window");
        await clients[1].SetSchedulePausedAsync(schedule.Id, paused: true);

        var tasks = await AllTasksAsync(clients[1], "sched.tick");
        var inWindow = tasks.Where(t => t.ScheduledFor >= first && t.ScheduledFor <= last).ToList();
        var lags = inWindow.Select(t => (t.CreatedAt - t.ScheduledFor!.Value).TotalMilliseconds).Order().ToList();
        output.WriteLine(FormattableString.Invariant(
            $"{inWindow.Count} tasks for {Seconds} fire times; enqueue lag (created_at - scheduled_for) p50 {Percentile(lags, 0.50):F0} ms, p99 {Percentile(lags, 0.99):F0} ms, max {lags[^1]:F0} ms"));

        Assert.All(tasks, t => Assert.Equal(schedule.Id, t.ScheduleId));
        Assert.Equal(tasks.Count, tasks.Select(t => t.ScheduledFor).Distinct().Count());
        Assert.Equal([.. Enumerable.Range(0, Seconds).Select(i => first.AddSeconds(i))], inWindow.Select(t => t.ScheduledFor!.Value).Order());
        Assert.All(lags, lag => Assert.InRange(lag, 0, 1000));
    }

    private static async Task<List<TaskResource>> AllTasksAsync(DurqClient client, string activityType)
    {
        var tasks = new List<TaskResource>();
        string? cursor = null;
        do
        {
            var page = await client.ListTasksAsync(activityType: activityType, limit: 500, cursor: cursor);
            tasks.AddRange(page.Data);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return tasks;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
