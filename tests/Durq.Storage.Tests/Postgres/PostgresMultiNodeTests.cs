using System.Collections.Concurrent;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// Two store instances on one schema, as two nodes on one database: each has its own writer, so their transactions
/// really run side by side. The caps (pending tasks, registered workers) stay exact, a task is claimed and reclaimed once, an idempotency key makes one
/// task, and writes for many tenants never deadlock.
/// </summary>
public sealed class PostgresMultiNodeTests : StoreTests
{
    private PostgresStoreHarness? _harness;

    private protected override IStoreHarness CreateHarness() => _harness = new PostgresStoreHarness();

    private async Task<ITaskStore[]> TwoNodesAsync() =>
        [Store, await (_harness ?? throw new InvalidOperationException("The harness is not created.")).OpenPostgresAsync()];

    [Fact]
    public async Task The_cap_is_exact_when_enqueues_arrive_on_two_nodes_at_once()
    {
        var nodes = await TwoNodesAsync();

        var accepted = await Task.WhenAll(NewTasks(200).Select((task, i) => Task.Run(() => TryEnqueueAsync(nodes[i % 2], TenantA, 50, task))));
        await nodes[1].ClaimTasksAsync(new ClaimParams(TenantA, WorkerB, ["email.send"], 10, Now), CancellationToken.None);
        var acceptedAfterClaim = await Task.WhenAll(NewTasks(40).Select((task, i) => Task.Run(() => TryEnqueueAsync(nodes[i % 2], TenantA, 50, task))));

        Assert.Equal(50, accepted.Count(ok => ok));
        Assert.Equal(10, acceptedAfterClaim.Count(ok => ok));
        Assert.Equal(50, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task The_worker_cap_is_exact_when_registrations_arrive_on_two_nodes_at_once()
    {
        var nodes = await TwoNodesAsync();

        var registered = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            try
            {
                await nodes[i % 2].RegisterWorkerAsync(
                    new RegisterWorkerParams(TenantA, $"worker-{i:00}", ["email.send"], 1, null, null, null, Now, MaxWorkers: 7),
                    CancellationToken.None);
                return true;
            }
            catch (WorkerLimitReachedException)
            {
                return false;
            }
        })));

        Assert.Equal(7, registered.Count(ok => ok));
        Assert.Equal(7, (await ListWorkersAsync()).Count);
    }

    [Fact]
    public async Task Claimers_on_two_nodes_take_each_task_exactly_once()
    {
        var nodes = await TwoNodesAsync();
        var tasks = NewTasks(1000);
        await EnqueueAsync(tasks);
        var owners = new ConcurrentDictionary<Guid, string>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var node = nodes[n % 2];
            var workerId = $"worker-{n}";
            var random = new Random(n);
            while (await node.ClaimTasksAsync(new ClaimParams(TenantA, workerId, ["email.send"], random.Next(1, 21), Now), CancellationToken.None) is { Count: > 0 } claimed)
            {
                Assert.All(claimed, task => Assert.True(owners.TryAdd(task.Id, workerId), $"Task {task.Id} was handed out twice."));
                await Task.WhenAll(claimed.Select(task => node.CompleteTaskAsync(
                    new CompleteTaskParams(TenantA, task.Id, task.LeaseId!.Value, null, Now), CancellationToken.None)));
            }
        })));

        Assert.Equal(tasks.Select(t => t.Id).Order(), owners.Keys.Order());
        Assert.Equal(new QueueStats(0, 0, 0, 1000, 0, 1000), await StatsAsync());
    }

    [Fact]
    public async Task Reapers_on_two_nodes_at_once_reclaim_each_expired_task_once()
    {
        var nodes = await TwoNodesAsync();
        await EnqueueAsync(NewTasks(300));
        var claimed = await ClaimAsync(300);
        var later = Now.AddMinutes(5);
        var reclaimed = new ConcurrentBag<Guid>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            while (await nodes[n % 2].ReclaimExpiredAsync(new ReclaimExpiredParams(later, 15, () => NoJitter), CancellationToken.None) is { Count: > 0 } batch)
            {
                batch.ToList().ForEach(task => reclaimed.Add(task.TaskId));
            }
        })));

        Assert.Equal(claimed.Select(t => t.Id).Order(), reclaimed.Order());
        Assert.All(await Task.WhenAll(claimed.Select(t => GetAsync(t.Id))), task => Assert.Single(ErrorsOf(task)));
        Assert.Equal(new QueueStats(300, 0, 0, 0, 300, 300), await StatsAsync());
    }

    [Fact]
    public async Task An_idempotency_key_sent_to_two_nodes_at_once_makes_one_task()
    {
        var nodes = await TwoNodesAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => nodes[i % 2].EnqueueAsync(
            new EnqueueParams(TenantA, [NewTask()], new IdempotencyKey($"key-{i % 10}", "fingerprint"), 0, Now), CancellationToken.None))));

        foreach (var sameKey in results.Select((result, i) => (result, i)).GroupBy(r => r.i % 10, r => r.result))
        {
            Assert.Single(sameKey, r => !r.Replayed);
            Assert.Single(sameKey.Select(r => Assert.Single(r.TaskIds)).Distinct());
        }

        Assert.Equal(10, (await ListAllIdsAsync()).Count);
    }

    [Fact]
    public async Task Writes_for_many_tenants_on_two_nodes_at_once_all_succeed()
    {
        var nodes = await TwoNodesAsync();
        var tenants = Enumerable.Range(0, 6).Select(i => $"tenant-{i}").ToArray();

        // Every batch on either node touches several tenants in whatever order the writes arrived.
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => Task.Run(async () =>
        {
            var node = nodes[i % 2];
            var tenant = tenants[(i * 7) % tenants.Length];
            await node.EnqueueAsync(new EnqueueParams(tenant, [NewTask()], null, 1000, Now), CancellationToken.None);
            foreach (var task in await node.ClaimTasksAsync(new ClaimParams(tenant, $"worker-{i}", ["email.send"], 1, Now), CancellationToken.None))
            {
                await node.FailTaskAsync(
                    new FailTaskParams(tenant, task.Id, task.LeaseId!.Value, null, "Again.", true, Now, NoJitter), CancellationToken.None);
            }
        })));

        var stats = await Task.WhenAll(tenants.Select(StatsAsync));
        Assert.Equal(600, stats.Sum(s => s.PendingTasks));
        Assert.Equal(stats.Sum(s => s.StartedTasks), stats.Sum(s => s.FailedAttempts));
    }

    [Fact]
    public async Task Two_nodes_sampling_one_bucket_at_once_store_one_sample()
    {
        var nodes = await TwoNodesAsync();
        await EnqueueAsync(NewTasks(3));

        var stored = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            nodes[i % 2].RecordSampleAsync(new RecordSampleParams(TenantA, Now.AddMilliseconds(i)), CancellationToken.None))));

        Assert.Equal(1, stored.Count(ok => ok));
        foreach (var node in nodes)
        {
            var sample = Assert.Single(await node.ListSamplesAsync(TenantA, LongAgo, CancellationToken.None));
            Assert.Equal((3L, 3L), (sample.Enqueued, sample.Pending));
        }
    }

    [Fact]
    public async Task A_silent_worker_is_answered_to_one_node_when_both_sweep_at_once()
    {
        var nodes = await TwoNodesAsync();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => RegisterWorkerAsync($"worker-{i:00}")));
        var silent = Now + Durq.Core.Workers.Worker.StoppedAfter + TimeSpan.FromSeconds(1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            nodes[i % 2].NoteSilentWorkersAsync(new NoteSilentWorkersParams(silent, 100), CancellationToken.None))));

        Assert.Equal(20, answers.Sum(a => a.Count));
        Assert.Equal(20, answers.SelectMany(a => a).Select(w => w.Id).Distinct().Count());
    }

    private static async Task<bool> TryEnqueueAsync(ITaskStore node, string tenant, long maxPending, NewTask task)
    {
        try
        {
            await node.EnqueueAsync(new EnqueueParams(tenant, [task], null, maxPending, Now), CancellationToken.None);
            return true;
        }
        catch (QueueFullException)
        {
            return false;
        }
    }
}
