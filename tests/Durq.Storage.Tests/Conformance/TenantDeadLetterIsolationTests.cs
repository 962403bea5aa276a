using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Two tenants and the dead-letter queue: retrying one dead task or all of them as tenant A never revives B's, and
/// the gauges, totals and caps each tenant sees count only its own tasks.
/// </summary>
public abstract class TenantDeadLetterIsolationTests : StoreTests
{
    [Fact]
    public async Task Retrying_another_tenants_dead_task_is_not_found_and_leaves_it_dead()
    {
        var theirs = await DeadForAsync(TenantB);

        await Assert.ThrowsAsync<NotFoundException>(() => RetryDeadAsync(theirs, TenantA));

        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(theirs, TenantB))?.Status);
        Assert.Equal((0, 1), Gauges(await StatsAsync(TenantB)));
    }

    [Fact]
    public async Task Retrying_all_dead_tasks_revives_only_the_tenants_own()
    {
        var mine = await DeadForAsync(TenantA);
        var theirs = await DeadForAsync(TenantB);

        var retried = await RetryAllDeadAsync(TenantA);

        Assert.Equal(1, retried);
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(mine, TenantA))?.Status);
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(theirs, TenantB))?.Status);
        Assert.Equal((1, 0), Gauges(await StatsAsync(TenantA)));
        Assert.Equal((0, 1), Gauges(await StatsAsync(TenantB)));
    }

    [Fact]
    public async Task Retrying_dead_tasks_of_one_activity_type_revives_only_the_tenants_own()
    {
        await DeadForAsync(TenantA);
        var theirs = await DeadForAsync(TenantB);

        Assert.Equal(1, await RetryAllDeadAsync(TenantA, "email.send"));
        Assert.Equal(0, await RetryAllDeadAsync(TenantA, "email.send"));
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(theirs, TenantB))?.Status);
    }

    [Fact]
    public async Task Retrying_all_of_an_empty_dead_letter_queue_revives_nothing_of_another_tenant()
    {
        var theirs = await DeadForAsync(TenantB);

        Assert.Equal(0, await RetryAllDeadAsync(TenantA));
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(theirs, TenantB))?.Status);
    }

    [Fact]
    public async Task The_other_tenants_retried_and_released_tasks_do_not_fill_the_tenants_cap()
    {
        await DeadForAsync(TenantB);
        await RetryAllDeadAsync(TenantB);
        await EnqueueForAsync(TenantB, NewTask());
        await ClaimAsync(tenant: TenantB, workerId: WorkerA);
        await DeregisterAsync(WorkerA, TenantB);

        var accepted = await Store.EnqueueAsync(new EnqueueParams(TenantA, NewTasks(2), null, 2, Now), CancellationToken.None);

        Assert.Equal(2, accepted.TaskIds.Count);
        await Assert.ThrowsAsync<QueueFullException>(
            () => Store.EnqueueAsync(new EnqueueParams(TenantA, [NewTask()], null, 2, Now), CancellationToken.None));
        Assert.Equal(2, (await StatsAsync(TenantB)).PendingTasks);
    }

    [Fact]
    public async Task Totals_count_only_the_tenants_own_starts_failures_and_completions()
    {
        await DeadForAsync(TenantB);
        await EnqueueForAsync(TenantB, NewTask());
        await CompleteAsync(await ClaimOneAsync(tenant: TenantB));

        Assert.Equal(new QueueStats(0, 0, 0, 0, 0, 0), await StatsAsync(TenantA));
        Assert.Equal(new QueueStats(0, 0, 1, 1, 1, 2), await StatsAsync(TenantB));
    }

    /// <summary>A task of the tenant that failed for good.</summary>
    private async Task<Guid> DeadForAsync(string tenant)
    {
        var task = NewTask();
        await EnqueueForAsync(tenant, task);
        await FailAsync(await ClaimOneAsync(tenant: tenant), retryable: false);
        return task.Id;
    }

    private Task<DurqTask> RetryDeadAsync(Guid taskId, string tenant) =>
        Store.RetryDeadTaskAsync(new RetryDeadTaskParams(tenant, taskId, Now), CancellationToken.None);

    private Task<int> RetryAllDeadAsync(string tenant, string? activityType = null) =>
        Store.RetryDeadTasksAsync(new RetryDeadTasksParams(tenant, activityType, Now), CancellationToken.None);

    private static (long Pending, long Dead) Gauges(QueueStats stats) => (stats.PendingTasks, stats.DeadTasks);
}
