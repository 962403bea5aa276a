using Durq.Core.Storage;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Queue stats: live gauges (pending, claimed, dead) and cumulative totals (completed, failed attempts, started), per tenant.</summary>
public abstract class StatsTests : StoreTests
{
    [Fact]
    public async Task An_empty_tenant_has_all_zeros()
    {
        await EnqueueForAsync(TenantB, NewTask());

        Assert.Equal(new QueueStats(0, 0, 0, 0, 0, 0), await StatsAsync(TenantA));
    }

    [Fact]
    public async Task Gauges_count_the_tasks_in_each_state_and_pending_includes_delayed_ones()
    {
        var tasks = NewTasks(5);
        await EnqueueAsync(tasks);
        await EnqueueAsync(NewTask(options: DefaultOptions with { RunAt = Now.AddHours(1) }));
        await CancelAsync(tasks[4].Id);
        var claimed = await ClaimAsync(3);
        await FailAsync(claimed[0], retryable: false);
        await CompleteAsync(claimed[1]);

        var stats = await StatsAsync();

        // Pending: tasks[3] and the delayed one; claimed: claimed[2]; dead: claimed[0].
        Assert.Equal(new QueueStats(PendingTasks: 2, ClaimedTasks: 1, DeadTasks: 1, CompletedTasks: 1, FailedAttempts: 1, StartedTasks: 3), stats);
    }

    [Fact]
    public async Task Totals_count_every_start_failure_and_completion()
    {
        await EnqueueAsync(NewTask());
        var first = await ClaimOneAsync();
        var retry = await FailAsync(first, at: Now.AddSeconds(1));
        var second = await ClaimOneAsync(at: retry.NextVisibleAt);
        var reclaimed = Assert.Single(await ReclaimAsync(second.LeaseExpiresAt!.Value));
        var third = await ClaimOneAsync(at: reclaimed.VisibleAt);
        await CompleteAsync(third, at: reclaimed.VisibleAt!.Value.AddSeconds(1));

        var stats = await StatsAsync();

        Assert.Equal(new QueueStats(PendingTasks: 0, ClaimedTasks: 0, DeadTasks: 0, CompletedTasks: 1, FailedAttempts: 2, StartedTasks: 3), stats);
    }

    [Fact]
    public async Task A_retry_moves_a_task_from_claimed_back_to_pending_and_a_dead_letter_retry_from_dead()
    {
        await EnqueueAsync(NewTasks(2));
        var claimed = await ClaimAsync(2);
        Assert.Equal((0, 2, 0), Gauges(await StatsAsync()));

        await FailAsync(claimed[0]);
        await FailAsync(claimed[1], retryable: false);
        Assert.Equal((1, 0, 1), Gauges(await StatsAsync()));

        await Store.RetryDeadTaskAsync(new RetryDeadTaskParams(TenantA, claimed[1].Id, Now), CancellationToken.None);
        Assert.Equal((2, 0, 0), Gauges(await StatsAsync()));
    }

    [Fact]
    public async Task Tasks_handed_back_by_a_deregistered_worker_count_as_pending()
    {
        await EnqueueAsync(NewTasks(3));
        await ClaimAsync(2, workerId: WorkerA);

        await DeregisterAsync(WorkerA);
        var stats = await StatsAsync();

        Assert.Equal((3, 0, 0), Gauges(stats));
        Assert.Equal(0, stats.FailedAttempts);
    }

    [Fact]
    public async Task Stats_belong_to_their_tenant()
    {
        await EnqueueForAsync(TenantA, NewTasks(2));
        await EnqueueForAsync(TenantB, NewTasks(3));
        await CompleteAsync(await ClaimOneAsync(tenant: TenantB));

        Assert.Equal(new QueueStats(2, 0, 0, 0, 0, 0), await StatsAsync(TenantA));
        Assert.Equal(new QueueStats(2, 0, 0, 1, 0, 1), await StatsAsync(TenantB));
    }

    [Fact]
    public async Task Totals_survive_a_restart()
    {
        await EnqueueAsync(NewTasks(2));
        var claimed = await ClaimAsync(2);
        await CompleteAsync(claimed[0]);
        await FailAsync(claimed[1]);
        var before = await StatsAsync();

        await RestartStoreAsync();

        Assert.Equal(before, await StatsAsync());
        Assert.Equal(new QueueStats(1, 0, 0, 1, 1, 2), before);
    }

    private static (long Pending, long Claimed, long Dead) Gauges(QueueStats stats) =>
        (stats.PendingTasks, stats.ClaimedTasks, stats.DeadTasks);
}
