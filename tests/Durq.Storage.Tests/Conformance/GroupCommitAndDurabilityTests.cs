using Durq.Core.Errors;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Many concurrent writes each get their own answer, and an answered write survives a restart.</summary>
public abstract class GroupCommitAndDurabilityTests : StoreTests
{
    [Fact]
    public async Task Five_hundred_concurrent_enqueues_all_complete_and_are_readable()
    {
        var tasks = NewTasks(500);

        var results = await Task.WhenAll(tasks.Select(task => Task.Run(() => EnqueueAsync(task))));

        Assert.Equal(tasks.Select(t => t.Id), results.Select(r => Assert.Single(r.TaskIds)));
        var stored = await Task.WhenAll(tasks.Select(t => GetAsync(t.Id)));
        Assert.All(stored, Assert.NotNull);
        Assert.Equal(tasks.Select(t => t.Id).Reverse(), await ListAllIdsAsync());
    }

    [Fact]
    public async Task Concurrent_batches_are_each_stored_whole()
    {
        var batches = Enumerable.Range(0, 20).Select(_ => NewTasks(25)).ToList();

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => EnqueueAsync(batch))));

        for (var i = 0; i < batches.Count; i++)
        {
            Assert.Equal(batches[i].Select(t => t.Id), results[i].TaskIds);
        }

        Assert.Equal(500, (await ListAllIdsAsync()).Count);
    }

    [Fact]
    public async Task A_refused_write_does_not_undo_the_writes_committed_beside_it()
    {
        await EnqueueWithKeyAsync("taken", "fingerprint-1", NewTask());
        var good = NewTasks(50);
        var refused = NewTasks(50);

        var goodWrites = good.Select(task => Task.Run(() => EnqueueAsync(task)));
        var refusedWrites = refused.Select(task => Task.Run(
            () => Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => EnqueueWithKeyAsync("taken", "fingerprint-2", task))));
        await Task.WhenAll([.. goodWrites, .. refusedWrites]);

        Assert.All(await Task.WhenAll(good.Select(t => GetAsync(t.Id))), Assert.NotNull);
        Assert.All(await Task.WhenAll(refused.Select(t => GetAsync(t.Id))), Assert.Null);
    }

    [Fact]
    public async Task Enqueued_task_survives_closing_and_reopening_the_store()
    {
        var task = NewTask("report.build", "{\"month\": \"2026-02\"}", options: DefaultOptions with { Priority = 9 });
        await EnqueueAsync(task);

        await RestartStoreAsync();
        var stored = await GetAsync(task.Id);

        Assert.NotNull(stored);
        Assert.Equal("report.build", stored.ActivityType);
        Assert.Equal("{\"month\": \"2026-02\"}", stored.InputJson);
        Assert.Equal(DurqTaskStatus.Pending, stored.Status);
        AssertSameOptions(task.Options, stored.Options);
    }

    [Fact]
    public async Task Cancellation_survives_a_restart()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        await CancelAsync(task.Id);

        await RestartStoreAsync();

        Assert.Equal(DurqTaskStatus.Cancelled, (await GetAsync(task.Id))?.Status);
    }

    [Fact]
    public async Task A_claim_and_its_lease_survive_a_restart()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();

        await RestartStoreAsync();

        AssertSameTask(claimed, await GetAsync(claimed.Id));
        Assert.Empty(await ClaimAsync(at: Now.AddSeconds(1)));
        Assert.Equal(DurqTaskStatus.Completed, (await CompleteAsync(claimed, at: Now.AddSeconds(1))).Status);
    }

    [Fact]
    public async Task Completions_failures_and_workers_survive_a_restart()
    {
        await EnqueueAsync(NewTasks(2));
        var claimed = await ClaimAsync(2);
        await CompleteAsync(claimed[0], "{\"ok\":true}");
        await FailAsync(claimed[1], retryable: false);
        await RegisterWorkerAsync(WorkerA);
        await SetDrainingAsync(WorkerA, draining: true);

        await RestartStoreAsync();

        var completed = await GetAsync(claimed[0].Id);
        var dead = await GetAsync(claimed[1].Id);
        Assert.Equal(DurqTaskStatus.Completed, completed?.Status);
        Assert.Equal("{\"ok\":true}", completed?.ResultJson);
        Assert.Equal(DurqTaskStatus.Dead, dead?.Status);
        Assert.Single(ErrorsOf(dead));
        Assert.True(Assert.Single(await ListWorkersAsync()).Draining);
    }

    [Fact]
    public async Task Idempotency_key_survives_a_restart()
    {
        var first = NewTask();
        await EnqueueWithKeyAsync("key", "fingerprint", first);

        await RestartStoreAsync();
        var result = await EnqueueWithKeyAsync("key", "fingerprint", NewTask());

        Assert.True(result.Replayed);
        Assert.Equal([first.Id], result.TaskIds);
    }
}
