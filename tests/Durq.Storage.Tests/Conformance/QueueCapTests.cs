using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary><c>Queue:MaxPending</c>: a tenant's pending tasks never pass the cap, not even under concurrent enqueues.</summary>
public abstract class QueueCapTests : StoreTests
{
    [Fact]
    public async Task Cap_of_n_accepts_exactly_n_tasks_then_refuses()
    {
        foreach (var task in NewTasks(3))
        {
            await EnqueueCappedAsync(3, task);
        }

        var error = await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(3, NewTask()));

        Assert.Equal(3, error.Pending);
        Assert.Equal(3, error.Cap);
        Assert.True(error.RetryAfterSeconds > 0);
        Assert.Equal(ProblemCodes.QueueFull, error.Code);
        Assert.Equal(3, (await ListAllIdsAsync()).Count);
    }

    [Fact]
    public async Task Batch_that_would_overshoot_the_cap_is_refused_whole()
    {
        await EnqueueCappedAsync(5, NewTasks(3));
        var batch = NewTasks(3);

        await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(5, batch));

        foreach (var task in batch)
        {
            Assert.Null(await GetAsync(task.Id));
        }

        Assert.Equal(2, (await EnqueueCappedAsync(5, NewTasks(2))).TaskIds.Count);
    }

    [Fact]
    public async Task Cancelling_a_pending_task_frees_room()
    {
        var tasks = NewTasks(2);
        await EnqueueCappedAsync(2, tasks);
        await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(2, NewTask()));

        await CancelAsync(tasks[0].Id);
        var result = await EnqueueCappedAsync(2, NewTask());

        Assert.Single(result.TaskIds);
        Assert.Equal(2, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task An_enqueue_that_fails_after_the_cap_check_leaves_the_count_exact()
    {
        var first = NewTask();
        await EnqueueCappedAsync(3, first);

        // The same task id again: the insert fails after the cap was checked, and that enqueue is undone whole.
        await Assert.ThrowsAnyAsync<Exception>(() => EnqueueCappedAsync(3, [NewTask(), first]));
        await EnqueueCappedAsync(3, NewTasks(2));

        await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(3, NewTask()));
        Assert.Equal(3, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task Cap_of_zero_means_no_cap()
    {
        await EnqueueCappedAsync(0, NewTasks(1000));

        var result = await EnqueueCappedAsync(0, NewTasks(1000));

        Assert.Equal(1000, result.TaskIds.Count);
        Assert.Equal(2000, (await ListAllIdsAsync()).Count);
    }

    [Fact]
    public async Task Cap_is_exact_under_concurrent_enqueues()
    {
        var attempts = NewTasks(200).Select(task => Task.Run(() => TryEnqueueCappedAsync(50, task)));

        var accepted = await Task.WhenAll(attempts);

        Assert.Equal(50, accepted.Count(ok => ok));
        Assert.Equal(50, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task Cap_holds_when_a_cancel_and_enqueues_arrive_together()
    {
        var full = NewTasks(2);
        await EnqueueCappedAsync(2, full);

        // Started without waiting in between, so a store that gathers writes sees them side by side.
        var cancel = CancelAsync(full[0].Id);
        var enqueues = Enumerable.Range(0, 5).Select(_ => TryEnqueueCappedAsync(2, NewTask())).ToList();
        await cancel;
        var accepted = (await Task.WhenAll(enqueues)).Count(ok => ok);

        // The cancel frees one place, unless every enqueue was refused before it ran.
        Assert.InRange(accepted, 0, 1);
        Assert.Equal(1 + accepted, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task Claiming_frees_room()
    {
        await EnqueueCappedAsync(2, NewTasks(2));
        await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(2, NewTask()));

        await ClaimOneAsync();
        var result = await EnqueueCappedAsync(2, NewTask());

        Assert.Single(result.TaskIds);
        var error = await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(2, NewTask()));
        Assert.Equal(2, error.Pending);
    }

    [Fact]
    public async Task A_retry_counts_as_pending_again_even_past_the_cap()
    {
        await EnqueueCappedAsync(2, NewTasks(2));
        var claimed = await ClaimOneAsync();
        await EnqueueCappedAsync(2, NewTask());

        var decision = await FailAsync(claimed);

        Assert.True(decision.WillRetry);
        var error = await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(2, NewTask()));
        Assert.Equal(3, error.Pending);
        Assert.Equal(3, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task A_failure_that_does_not_retry_leaves_the_room_free()
    {
        await EnqueueCappedAsync(1, NewTask());
        var claimed = await ClaimOneAsync();

        await FailAsync(claimed, retryable: false);

        Assert.Single((await EnqueueCappedAsync(1, NewTask())).TaskIds);
    }

    [Fact]
    public async Task Tasks_back_from_the_reaper_the_dead_letter_queue_or_a_leaving_worker_count_as_pending()
    {
        var tasks = NewTasks(3);
        await EnqueueCappedAsync(3, tasks);
        var claimed = await ClaimAsync(3);
        await FailAsync(claimed[0], retryable: false);
        await Store.RetryDeadTaskAsync(new RetryDeadTaskParams(TenantA, claimed[0].Id, Now), CancellationToken.None);
        await ReclaimAsync(claimed[1].LeaseExpiresAt!.Value, maxTasks: 1);
        var stillClaimed = (await ListAllIdsAsync(DurqTaskStatus.Claimed)).Single();
        await DeregisterAsync(WorkerA);

        var error = await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(3, NewTask()));

        Assert.Equal(3, error.Pending);
        Assert.Contains(stillClaimed, await ListAllIdsAsync(DurqTaskStatus.Pending));
    }

    [Fact]
    public async Task Cap_holds_when_claims_and_enqueues_arrive_together()
    {
        await EnqueueCappedAsync(5, NewTasks(5));

        // Started without waiting in between, so a store that gathers writes sees them side by side.
        var claim = ClaimAsync(2);
        var enqueues = Enumerable.Range(0, 6).Select(_ => TryEnqueueCappedAsync(5, NewTask())).ToList();
        Assert.Equal(2, (await claim).Count);
        var accepted = (await Task.WhenAll(enqueues)).Count(ok => ok);

        // The claim frees two places, unless every enqueue was refused before it ran.
        Assert.InRange(accepted, 0, 2);
        Assert.Equal(3 + accepted, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task Cap_holds_when_a_retry_and_enqueues_arrive_together()
    {
        await EnqueueCappedAsync(2, NewTasks(2));
        var claimed = await ClaimOneAsync();
        await EnqueueCappedAsync(2, NewTask());

        // The queue is full before and after the retry, so every enqueue beside it must be refused.
        var retry = FailAsync(claimed);
        var enqueues = Enumerable.Range(0, 5).Select(_ => TryEnqueueCappedAsync(2, NewTask())).ToList();
        await retry;
        var accepted = (await Task.WhenAll(enqueues)).Count(ok => ok);

        Assert.Equal(0, accepted);
        Assert.Equal(3, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    private async Task<bool> TryEnqueueCappedAsync(long maxPending, NewTask task)
    {
        try
        {
            await EnqueueCappedAsync(maxPending, task);
            return true;
        }
        catch (QueueFullException)
        {
            return false;
        }
    }
}
