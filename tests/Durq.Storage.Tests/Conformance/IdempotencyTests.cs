using Durq.Core.Errors;

namespace Durq.Storage.Tests.Conformance;

/// <summary>An <c>Idempotency-Key</c> replays the first request's ids, or refuses a different request.</summary>
public abstract class IdempotencyTests : StoreTests
{
    [Fact]
    public async Task First_request_with_a_key_is_stored_and_not_a_replay()
    {
        var task = NewTask();

        var result = await EnqueueWithKeyAsync("key", "fingerprint", task);

        Assert.Equal([task.Id], result.TaskIds);
        Assert.False(result.Replayed);
        Assert.Equal("key", (await GetAsync(task.Id))?.IdempotencyKey);
    }

    [Fact]
    public async Task Same_key_and_fingerprint_replays_the_first_ids_and_stores_nothing_new()
    {
        var first = NewTask();
        var retry = NewTask();
        await EnqueueWithKeyAsync("key", "fingerprint", first);

        var result = await EnqueueWithKeyAsync("key", "fingerprint", retry);

        Assert.Equal([first.Id], result.TaskIds);
        Assert.True(result.Replayed);
        Assert.Null(await GetAsync(retry.Id));
        Assert.Equal([first.Id], await ListAllIdsAsync());
    }

    [Fact]
    public async Task Replay_of_a_batch_answers_every_first_id_in_order()
    {
        var batch = NewTasks(3);
        await EnqueueWithKeyAsync("batch-key", "fingerprint", batch);

        var result = await EnqueueWithKeyAsync("batch-key", "fingerprint", NewTasks(3));

        Assert.Equal(batch.Select(t => t.Id), result.TaskIds);
        Assert.True(result.Replayed);
        Assert.Equal(3, (await ListAllIdsAsync()).Count);
    }

    [Fact]
    public async Task Same_key_with_another_fingerprint_is_refused_naming_the_first_task()
    {
        var first = NewTask();
        var other = NewTask();
        await EnqueueWithKeyAsync("key", "fingerprint-1", first);

        var error = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(
            () => EnqueueWithKeyAsync("key", "fingerprint-2", other));

        Assert.Equal(first.Id, error.ExistingTaskId);
        Assert.Equal(ProblemCodes.IdempotencyKeyReused, error.Code);
        Assert.Null(await GetAsync(other.Id));
    }

    [Fact]
    public async Task Different_keys_with_the_same_fingerprint_make_separate_tasks()
    {
        var first = NewTask();
        var second = NewTask();

        await EnqueueWithKeyAsync("key-1", "fingerprint", first);
        var result = await EnqueueWithKeyAsync("key-2", "fingerprint", second);

        Assert.False(result.Replayed);
        Assert.Equal([second.Id], result.TaskIds);
        Assert.Equal(2, (await ListAllIdsAsync()).Count);
    }

    [Fact]
    public async Task Replay_answers_even_when_the_queue_is_full()
    {
        var first = NewTask();
        await Store.EnqueueAsync(
            new(TenantA, [first], new("key", "fingerprint"), 1, Now), CancellationToken.None);

        var result = await Store.EnqueueAsync(
            new(TenantA, [NewTask()], new("key", "fingerprint"), 1, Now), CancellationToken.None);

        Assert.True(result.Replayed);
        Assert.Equal([first.Id], result.TaskIds);
    }

    [Fact]
    public async Task Key_of_a_refused_request_is_not_remembered()
    {
        var blocker = NewTask();
        var task = NewTask();
        await EnqueueCappedAsync(1, blocker);
        await Assert.ThrowsAsync<QueueFullException>(() => Store.EnqueueAsync(
            new(TenantA, [task], new("key", "fingerprint"), 1, Now), CancellationToken.None));
        await CancelAsync(blocker.Id);

        var result = await Store.EnqueueAsync(
            new(TenantA, [task], new("key", "fingerprint"), 1, Now), CancellationToken.None);

        Assert.False(result.Replayed);
        Assert.NotNull(await GetAsync(task.Id));
    }
}
