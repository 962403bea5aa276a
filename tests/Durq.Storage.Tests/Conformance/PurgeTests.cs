using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Retention: finished tasks, dead tasks, idempotency keys and silent workers older than their cut-offs are deleted, a
/// batch at a time; live tasks and newer rows are left alone.
/// </summary>
public abstract class PurgeTests : StoreTests
{
    private static readonly DateTimeOffset Early = Now.AddMinutes(1);
    private static readonly DateTimeOffset Cutoff = Now.AddMinutes(2);
    private static readonly DateTimeOffset Late = Now.AddMinutes(3);

    [Fact]
    public async Task Completed_and_cancelled_tasks_finished_before_the_cutoff_are_deleted()
    {
        var oldCompleted = await CompletedAsync(Early);
        var newCompleted = await CompletedAsync(Late);
        var oldCancelled = await CancelledAsync(Early);
        var newCancelled = await CancelledAsync(Late);

        var result = await PurgeAsync(finishedBefore: Cutoff);

        Assert.Equal(new PurgeResult(2, 0, 0), result);
        Assert.Null(await GetAsync(oldCompleted));
        Assert.Null(await GetAsync(oldCancelled));
        Assert.NotNull(await GetAsync(newCompleted));
        Assert.NotNull(await GetAsync(newCancelled));
        Assert.Equal(new[] { newCancelled, newCompleted }.Order(), (await ListAllIdsAsync()).Order());
    }

    [Fact]
    public async Task A_task_finished_exactly_at_the_cutoff_is_kept()
    {
        var task = await CompletedAsync(Cutoff);

        Assert.Equal(0, (await PurgeAsync(finishedBefore: Cutoff)).Tasks);
        Assert.NotNull(await GetAsync(task));
        Assert.Equal(1, (await PurgeAsync(finishedBefore: Cutoff.AddMilliseconds(1))).Tasks);
        Assert.Null(await GetAsync(task));
    }

    [Fact]
    public async Task Dead_tasks_follow_their_own_cutoff()
    {
        var completed = await CompletedAsync(Early);
        var dead = await DeadAsync(Early);

        var first = await PurgeAsync(finishedBefore: Cutoff, deadBefore: LongAgo);

        Assert.Equal(1, first.Tasks);
        Assert.Null(await GetAsync(completed));
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(dead))?.Status);

        var second = await PurgeAsync(finishedBefore: LongAgo, deadBefore: Cutoff);

        Assert.Equal(1, second.Tasks);
        Assert.Null(await GetAsync(dead));
    }

    [Fact]
    public async Task A_dead_task_newer_than_its_cutoff_is_kept()
    {
        var dead = await DeadAsync(Late);

        Assert.Equal(0, (await PurgeAsync(finishedBefore: Late.AddDays(1), deadBefore: Cutoff)).Tasks);
        Assert.NotNull(await GetAsync(dead));
    }

    [Fact]
    public async Task Pending_and_claimed_tasks_are_never_purged()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();
        var retried = NewTask("sms.send");
        await EnqueueAsync(retried);
        var failed = Assert.Single(await ClaimAsync(activityTypes: ["sms.send"]));
        await FailAsync(failed);
        var pending = NewTask("push.send");
        await EnqueueAsync(pending);
        var farFuture = Now.AddYears(10);

        var result = await PurgeAsync(farFuture, farFuture, LongAgo, LongAgo);

        Assert.Equal(0, result.Tasks);
        Assert.Equal(DurqTaskStatus.Claimed, (await GetAsync(claimed.Id))?.Status);
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(retried.Id))?.Status);
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(pending.Id))?.Status);
    }

    [Fact]
    public async Task Tasks_of_every_tenant_are_purged()
    {
        var mine = await CompletedAsync(Early, TenantA);
        var theirs = await CompletedAsync(Early, TenantB);

        Assert.Equal(2, (await PurgeAsync(finishedBefore: Cutoff)).Tasks);
        Assert.Null(await GetAsync(mine, TenantA));
        Assert.Null(await GetAsync(theirs, TenantB));
    }

    [Fact]
    public async Task An_idempotency_key_older_than_the_cutoff_is_forgotten_and_its_reuse_makes_a_new_task()
    {
        var first = NewTask();
        await EnqueueWithKeyAsync("key", "fingerprint", first);

        var result = await PurgeAsync(keysBefore: Now.AddMilliseconds(1));
        var second = NewTask();
        var again = await EnqueueWithKeyAsync("key", "fingerprint", second);

        Assert.Equal(new PurgeResult(0, 1, 0), result);
        Assert.False(again.Replayed);
        Assert.Equal([second.Id], again.TaskIds);
        Assert.NotNull(await GetAsync(first.Id));
        Assert.NotNull(await GetAsync(second.Id));
    }

    [Fact]
    public async Task An_idempotency_key_not_older_than_the_cutoff_still_replays()
    {
        var first = NewTask();
        await EnqueueWithKeyAsync("key", "fingerprint", first);

        var result = await PurgeAsync(keysBefore: Now);
        var again = await EnqueueWithKeyAsync("key", "fingerprint", NewTask());

        Assert.Equal(0, result.IdempotencyKeys);
        Assert.True(again.Replayed);
        Assert.Equal([first.Id], again.TaskIds);
    }

    [Fact]
    public async Task Workers_silent_since_before_the_cutoff_are_deleted()
    {
        await RegisterWorkerAsync("silent", at: Now);
        await RegisterWorkerAsync("alive", at: Now);
        await Store.HeartbeatWorkerAsync(new WorkerHeartbeatParams(TenantA, "alive", 1, Late), CancellationToken.None);
        await RegisterWorkerAsync("elsewhere", TenantB, at: Now);

        var result = await PurgeAsync(workersBefore: Cutoff);

        Assert.Equal(new PurgeResult(0, 0, 2), result);
        Assert.Equal(["alive"], (await ListWorkersAsync()).Select(w => w.Id));
        Assert.Empty(await ListWorkersAsync(TenantB));
    }

    [Fact]
    public async Task Nothing_is_deleted_when_every_cutoff_is_long_ago()
    {
        await CompletedAsync(Early);
        await DeadAsync(Early);
        await EnqueueWithKeyAsync("key", "fingerprint", NewTask("sms.send"));
        await RegisterWorkerAsync(WorkerA);

        var result = await PurgeAsync();

        Assert.Equal(new PurgeResult(0, 0, 0), result);
        Assert.Equal(3, (await ListAllIdsAsync()).Count);
        Assert.Single(await ListWorkersAsync());
    }

    [Fact]
    public async Task Batch_size_caps_the_tasks_deleted_per_call_and_repeated_calls_finish_the_job()
    {
        for (var i = 0; i < 4; i++)
        {
            await CompletedAsync(Early);
            await DeadAsync(Early);
        }

        var counts = await PurgeUntilDoneAsync(p => p.Tasks, Cutoff, Cutoff, LongAgo, LongAgo, batchSize: 3);

        Assert.Equal([3, 3, 2, 0], counts);
        Assert.Empty(await ListAllIdsAsync());
    }

    [Fact]
    public async Task Batch_size_caps_the_idempotency_keys_deleted_per_call_and_repeated_calls_finish_the_job()
    {
        for (var i = 0; i < 5; i++)
        {
            await EnqueueWithKeyAsync($"key-{i}", "fingerprint", NewTask());
        }

        var counts = await PurgeUntilDoneAsync(p => p.IdempotencyKeys, LongAgo, LongAgo, Late, LongAgo, batchSize: 2);

        Assert.Equal([2, 2, 1, 0], counts);
        Assert.False((await EnqueueWithKeyAsync("key-4", "fingerprint", NewTask())).Replayed);
    }

    [Fact]
    public async Task Batch_size_caps_the_workers_deleted_per_call_and_repeated_calls_finish_the_job()
    {
        for (var i = 0; i < 4; i++)
        {
            await RegisterWorkerAsync($"worker-{i}", at: Now);
        }

        var counts = await PurgeUntilDoneAsync(p => p.Workers, LongAgo, LongAgo, LongAgo, Late, batchSize: 3);

        Assert.Equal([3, 1, 0], counts);
        Assert.Empty(await ListWorkersAsync());
    }

    [Fact]
    public async Task Purged_tasks_leave_the_dead_gauge_but_not_the_totals()
    {
        await CompletedAsync(Early);
        await DeadAsync(Early);
        var before = await StatsAsync();

        await PurgeAsync(Cutoff, Cutoff, LongAgo, LongAgo);
        var after = await StatsAsync();

        Assert.Equal(1, before.DeadTasks);
        Assert.Equal(0, after.DeadTasks);
        Assert.Equal(before with { DeadTasks = 0 }, after);
    }

    /// <summary>Purges until a call deletes nothing of the kind <paramref name="count"/> picks; answers each call's count.</summary>
    private async Task<List<int>> PurgeUntilDoneAsync(
        Func<PurgeResult, int> count, DateTimeOffset finishedBefore, DateTimeOffset deadBefore, DateTimeOffset keysBefore,
        DateTimeOffset workersBefore, int batchSize)
    {
        var counts = new List<int>();
        do
        {
            counts.Add(count(await PurgeAsync(finishedBefore, deadBefore, keysBefore, workersBefore, batchSize)));
            Assert.InRange(counts[^1], 0, batchSize);
        }
        while (counts[^1] > 0 && counts.Count < 10);

        return counts;
    }

    /// <summary>A task of its own activity type, enqueued, claimed and completed at <paramref name="at"/>.</summary>
    private async Task<Guid> CompletedAsync(DateTimeOffset at, string tenant = TenantA)
    {
        var task = NewTask("purge.completed");
        await EnqueueForAsync(tenant, task);
        var claimed = Assert.Single(await ClaimAsync(1, at, tenant: tenant, activityTypes: ["purge.completed"]));
        Assert.Equal(task.Id, claimed.Id);
        await CompleteAsync(claimed, at: at);
        return task.Id;
    }

    private async Task<Guid> CancelledAsync(DateTimeOffset at)
    {
        var task = NewTask("purge.cancelled");
        await EnqueueAsync(task);
        await CancelAsync(task.Id, at: at);
        return task.Id;
    }

    /// <summary>A task of its own activity type, enqueued, claimed and failed for good at <paramref name="at"/>.</summary>
    private async Task<Guid> DeadAsync(DateTimeOffset at)
    {
        var task = NewTask("purge.dead");
        await EnqueueAsync(task);
        var claimed = Assert.Single(await ClaimAsync(1, at, activityTypes: ["purge.dead"]));
        Assert.Equal(task.Id, claimed.Id);
        await FailAsync(claimed, retryable: false, at: at);
        return task.Id;
    }
}
