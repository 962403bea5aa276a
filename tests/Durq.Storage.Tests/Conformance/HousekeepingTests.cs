using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Deleting one task, purging dead tasks, and retrying dead tasks by their last error's type.</summary>
public abstract class HousekeepingTests : StoreTests
{
    [Fact]
    public async Task A_pending_task_is_deleted_and_leaves_the_pending_count()
    {
        var tasks = NewTasks(2);
        await EnqueueAsync(tasks);

        await DeleteAsync(tasks[0].Id);

        Assert.Null(await GetAsync(tasks[0].Id));
        Assert.Equal(1, (await StatsAsync()).PendingTasks);
        Assert.Equal(tasks[1].Id, Assert.Single(await ClaimAsync(5)).Id);
    }

    [Fact]
    public async Task A_claimed_task_is_not_deleted_and_a_finished_one_is()
    {
        var tasks = NewTasks(2);
        await EnqueueAsync(tasks);
        var claimed = await ClaimAsync(2);
        await CompleteAsync(claimed[1]);

        await Assert.ThrowsAsync<TaskClaimedException>(() => DeleteAsync(claimed[0].Id));
        await DeleteAsync(claimed[1].Id);

        Assert.Equal(DurqTaskStatus.Claimed, (await GetAsync(claimed[0].Id))?.Status);
        Assert.Null(await GetAsync(claimed[1].Id));
        await Assert.ThrowsAsync<NotFoundException>(() => DeleteAsync(claimed[1].Id));
    }

    [Fact]
    public async Task Another_tenants_task_is_not_found_and_stays()
    {
        var task = NewTask();
        await EnqueueForAsync(TenantB, task);

        await Assert.ThrowsAsync<NotFoundException>(() => DeleteAsync(task.Id));

        Assert.NotNull(await GetAsync(task.Id, TenantB));
    }

    [Fact]
    public async Task Purging_deletes_only_the_dead_tasks_the_filter_names()
    {
        var timeouts = await KillAsync("email.send", "TimeoutException", 3);
        var refused = await KillAsync("email.send", "Refused", 2);
        var sms = await KillAsync("sms.send", "TimeoutException", 2);
        var otherTenant = await KillAsync("email.send", "TimeoutException", 1, TenantB);

        Assert.Equal(3, await PurgeAsync("email.send", "TimeoutException"));
        Assert.Equal(2, await PurgeAsync(null, "TimeoutException"));
        Assert.Equal(2, await PurgeAsync(null, null));

        Assert.All(timeouts.Concat(refused).Concat(sms), id => Assert.Null(GetAsync(id).Result));
        Assert.NotNull(await GetAsync(otherTenant[0], TenantB));
        Assert.Equal(0, (await StatsAsync()).DeadTasks);
    }

    [Fact]
    public async Task Retrying_by_error_type_leaves_the_other_dead_tasks_dead()
    {
        var timeouts = await KillAsync("email.send", "TimeoutException", 2);
        var refused = await KillAsync("email.send", "Refused", 1);

        var retried = await Store.RetryDeadTasksAsync(new RetryDeadTasksParams(TenantA, null, Now, "TimeoutException"), CancellationToken.None);

        Assert.Equal(2, retried);
        Assert.All(timeouts, id => Assert.Equal(DurqTaskStatus.Pending, GetAsync(id).Result?.Status));
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(refused[0]))?.Status);
    }

    private Task DeleteAsync(Guid id, string tenant = TenantA) =>
        Store.DeleteTaskAsync(new DeleteTaskParams(tenant, id), CancellationToken.None);

    private Task<int> PurgeAsync(string? activityType, string? errorType, string tenant = TenantA) =>
        Store.PurgeDeadTasksAsync(new PurgeDeadTasksParams(tenant, activityType, errorType), CancellationToken.None);

    /// <summary>Enqueues <paramref name="count"/> tasks and fails each, not retryable, with <paramref name="errorType"/>.</summary>
    private async Task<List<Guid>> KillAsync(string activityType, string errorType, int count, string tenant = TenantA)
    {
        var tasks = NewTasks(count, activityType);
        await EnqueueForAsync(tenant, tasks);
        foreach (var claimed in await ClaimAsync(count, tenant: tenant, activityTypes: [activityType]))
        {
            await FailAsync(claimed, errorType, retryable: false);
        }

        return [.. tasks.Select(t => t.Id)];
    }
}
