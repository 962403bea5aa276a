using System.Collections.Concurrent;
using System.Diagnostics;
using Durq.Client;
using Durq.Contracts;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// Several <c>durq serve</c> processes on one PostgreSQL database (a private cluster per test class), with SDK workers
/// spread over them: no task lost or run twice, wake-ups across nodes, a node killed, the database restarted.
/// </summary>
public sealed class MultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly RawJson Empty = new("{}");

    private readonly List<DurqProcess> _nodes = [];
    private readonly List<IHost> _workers = [];
    private readonly List<HttpClient> _clients = [];
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _clients.ForEach(c => c.Dispose());
        await _postgres.DisposeAsync();
    }

    private async Task<List<DurqProcess>> StartNodesAsync(int count, params string[] extraArgs)
    {
        var nodes = await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            DurqProcess.StartOnPostgresAsync(_postgres.ConnectionString, ["--max-pending", "0", .. extraArgs])));
        _nodes.AddRange(nodes);
        return [.. nodes];
    }

    private DurqClient ClientOf(DurqProcess node)
    {
        var http = node.CreateClient();
        _clients.Add(http);
        return new DurqClient(http);
    }

    private async Task StartWorkerAsync(DurqProcess node, string id, string activityType, Func<RawJson, DurqTaskContext, Task<RawJson?>> handler) =>
        _workers.Add(await InProcessWorker.StartAsync(node.BaseAddress, id, activityType, handler));

    private static async Task<List<string>> EnqueueAsync(DurqClient client, string activityType, int count, TaskOptionsContract? options = null)
    {
        var ids = new List<string>(count);
        for (var start = 0; start < count; start += 1000)
        {
            var batch = Enumerable.Range(0, Math.Min(1000, count - start)).Select(_ => new EnqueueTaskRequest(activityType, Empty, options)).ToList();
            ids.AddRange(await client.EnqueueBatchAsync(batch));
        }

        return ids;
    }

    private static Task CompletedReachesAsync(DurqClient client, long count, TimeSpan within) =>
        WaitUntil.HoldsAsync(async () => (await client.GetHealthAsync()).CompletedTasks >= count, $"{count} completed tasks", within);

    [Fact]
    public async Task Twenty_thousand_tasks_over_three_nodes_each_complete_exactly_once()
    {
        var nodes = await StartNodesAsync(3);
        var runs = new ConcurrentDictionary<string, int>();
        var enqueued = new List<string>();
        for (var i = 0; i < nodes.Count; i++)
        {
            enqueued.AddRange(await EnqueueAsync(ClientOf(nodes[i]), "multi.noop", i == 0 ? 6_666 : 6_667));
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            await StartWorkerAsync(nodes[i], $"worker-{i}", "multi.noop", (_, task) =>
            {
                runs.AddOrUpdate(task.TaskId, 1, (_, n) => n + 1);
                return Task.FromResult<RawJson?>(null);
            });
        }

        await CompletedReachesAsync(ClientOf(nodes[0]), 20_000, TimeSpan.FromMinutes(4));
        Assert.Equal(20_000, enqueued.Distinct().Count());
        Assert.Equal(20_000, runs.Count);
        Assert.All(runs, pair => Assert.Equal(1, pair.Value));
        Assert.True(enqueued.All(runs.ContainsKey));
    }

    [Fact]
    public async Task A_max_concurrency_of_three_holds_over_workers_on_three_nodes()
    {
        const int limit = 3;
        const int taskCount = 150;
        var nodes = await StartNodesAsync(3);
        var clients = nodes.Select(ClientOf).ToList();
        await clients[0].SetActivityTypeAsync("multi.limited", $$"""{"max_concurrency":{{limit}}}""");
        await EnqueueAsync(clients[1], "multi.limited", taskCount);
        var running = 0;
        var mostRunning = 0;
        // Each handler holds its place until `limit` of them run together (150 is a whole number of such waves), so
        // every place is taken at once, over and over: a fourth task handed out would run beside three held ones.
        var waves = new Waves(limit);
        for (var i = 0; i < nodes.Count; i++)
        {
            await StartWorkerAsync(nodes[i], $"limited-{i}", "multi.limited", async (_, _) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostRunning, now);
                await waves.ArriveAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Interlocked.Decrement(ref running);
                return null;
            });
        }

        // Sampled continuously, from every node in turn: what the store holds claimed of the type.
        var mostClaimed = 0L;
        var samples = 0;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var types = await clients[samples % clients.Count].ListActivityTypesAsync();
                mostClaimed = Math.Max(mostClaimed, types.Data.SingleOrDefault(t => t.ActivityType == "multi.limited")?.Claimed ?? 0);
                samples++;
            }
        });
        await CompletedReachesAsync(clients[2], taskCount, TimeSpan.FromMinutes(2));
        await done.CancelAsync();
        await sampler;

        output.WriteLine($"{samples} samples of the claimed count over three nodes: at most {mostClaimed} claimed, at most {mostRunning} handlers running at once.");
        Assert.InRange(mostClaimed, 1, limit);
        Assert.InRange(mostRunning, 1, limit);
        Assert.True(samples > 20, $"only {samples} samples");
    }

    /// <summary>Lets its callers go on in groups of <c>size</c>: each waits until the group it joined is full.</summary>
    private sealed class Waves(int size)
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            lock (_lock)
            {
                var wave = _current;
                if (++_arrived == size)
                {
                    _arrived = 0;
                    _current = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wave.SetResult();
                }

                return wave.Task;
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task A_claim_waiting_on_one_node_is_woken_by_an_enqueue_on_another()
    {
        // With the poll at 30 s, only the other node's NOTIFY can wake the claim quickly.
        var nodes = await StartNodesAsync(2, "--Workers:ClaimPollIntervalMs=30000");
        var waiter = ClientOf(nodes[0]);
        var producer = ClientOf(nodes[1]);
        for (var round = 0; round < 5; round++)
        {
            var type = $"wake.round{round}";
            var clock = Stopwatch.StartNew();
            var claim = waiter.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = "waiter", ActivityTypes = [type], WaitMs = 20_000 });
            var id = await producer.EnqueueAsync(type, Empty);
            var claimed = await claim;
            Assert.Equal(id, Assert.Single(claimed).Id);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"round {round} took {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public async Task A_node_killed_mid_run_loses_nothing_and_its_leased_tasks_complete_elsewhere()
    {
        var nodes = await StartNodesAsync(3);
        var options = new TaskOptionsContract { HeartbeatTimeoutSeconds = 2 };
        var enqueued = new List<string>();
        foreach (var node in nodes)
        {
            enqueued.AddRange(await EnqueueAsync(ClientOf(node), "failover.work", 1_000, options));
        }

        var completedBy = new ConcurrentDictionary<string, string>();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < nodes.Count; i++)
        {
            var worker = $"worker-{i}";
            await StartWorkerAsync(nodes[i], worker, "failover.work", async (_, task) =>
            {
                await Task.Yield();
                if (completedBy.Count >= 1_000)
                {
                    halfway.TrySetResult();
                }

                completedBy[task.TaskId] = worker;
                return null;
            });
        }

        await halfway.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await nodes[0].KillAsync();
        var survivor = ClientOf(nodes[1]);
        await WaitUntil.HoldsAsync(
            async () => (await survivor.GetHealthAsync()) is { PendingTasks: 0, ClaimedTasks: 0 },
            "every task to leave pending and claimed", TimeSpan.FromMinutes(3));

        var reclaimed = 0;
        foreach (var id in enqueued)
        {
            var task = await survivor.GetTaskAsync(id);
            Assert.Equal("completed", task.Status);
            reclaimed += task.Errors is { } errors && errors.Json.Contains("lease_expired", StringComparison.Ordinal) ? 1 : 0;
        }

        // The tasks the dead node's worker held when its node died came back through the reaper.
        Assert.True(reclaimed > 0, "no task was reclaimed after its lease expired");
    }

    [Fact]
    public async Task Nodes_reconnect_after_the_database_restarts_under_load_and_the_run_completes()
    {
        var nodes = await StartNodesAsync(2);
        var acknowledged = new ConcurrentDictionary<string, byte>();
        var done = new ConcurrentDictionary<string, byte>();
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            await StartWorkerAsync(node, $"worker-{i}", "restart.work", (_, task) =>
            {
                done[task.TaskId] = 0;
                return Task.FromResult<RawJson?>(null);
            });
        }

        using var stop = new CancellationTokenSource();
        var producers = nodes.Select((node, i) => ProduceAsync(ClientOf(node), $"p{i}", acknowledged, stop.Token)).ToArray();
        await WaitUntil.HoldsAsync(() => Task.FromResult(done.Count >= 500), "500 tasks done before the restart", TimeSpan.FromSeconds(60));
        await _postgres.RestartAsync();
        var afterRestart = acknowledged.Count;
        await WaitUntil.HoldsAsync(() => Task.FromResult(acknowledged.Count >= afterRestart + 500), "500 more enqueues after the restart", TimeSpan.FromMinutes(2));
        await stop.CancelAsync();
        await Task.WhenAll(producers);

        await WaitUntil.HoldsAsync(() => Task.FromResult(acknowledged.Keys.All(done.ContainsKey)), "every acknowledged task to run", TimeSpan.FromMinutes(2));
    }

    /// <summary>Enqueues one task at a time until stopped; each with an idempotency key so a retry after an error never duplicates.</summary>
    private static async Task ProduceAsync(DurqClient client, string producer, ConcurrentDictionary<string, byte> acknowledged, CancellationToken stop)
    {
        using var backoff = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var key = $"{producer}-{n}";
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    acknowledged[await client.EnqueueAsync("restart.work", Empty, idempotencyKey: key, cancellationToken: stop)] = 0;
                    break;
                }
                catch (Exception error) when (error is DurqProblemException { Status: 503 } or HttpRequestException)
                {
                    // The database is restarting: wait a tick, then send the same key again.
                    if (!await backoff.WaitForNextTickAsync(CancellationToken.None) || stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
