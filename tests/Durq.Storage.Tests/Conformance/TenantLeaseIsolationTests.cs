using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Two tenants and the worker protocol: a claim as tenant A never takes B's tasks, and a heartbeat, completion or
/// failure sent as A with B's task id and B's live lease id is refused as not found and changes nothing of B's.
/// </summary>
public abstract class TenantLeaseIsolationTests : StoreTests
{
    [Fact]
    public async Task A_claim_takes_only_its_own_tenants_tasks()
    {
        var theirs = NewTasks(3);
        await EnqueueForAsync(TenantB, theirs);
        var mine = NewTask(idTime: Now.AddSeconds(1));
        await EnqueueForAsync(TenantA, mine);

        var claimed = await ClaimAsync(10, tenant: TenantA);

        Assert.Equal([mine.Id], claimed.Select(t => t.Id));
        Assert.Equal(theirs.Select(t => t.Id).Reverse(), await ListAllIdsAsync(DurqTaskStatus.Pending, TenantB));
    }

    [Fact]
    public async Task A_draining_worker_of_one_tenant_does_not_stop_the_same_worker_id_of_another()
    {
        await EnqueueForAsync(TenantA, NewTask());
        await EnqueueForAsync(TenantB, NewTask());
        await RegisterWorkerAsync(WorkerA, TenantB);
        await SetDrainingAsync(WorkerA, draining: true, tenant: TenantB);

        Assert.Single(await ClaimAsync(tenant: TenantA, workerId: WorkerA));
        Assert.Empty(await ClaimAsync(tenant: TenantB, workerId: WorkerA));
    }

    [Fact]
    public async Task A_heartbeat_with_another_tenants_task_and_lease_is_not_found_and_keeps_their_lease()
    {
        var theirs = await ClaimedForAsync(TenantB);

        await Assert.ThrowsAsync<NotFoundException>(() => HeartbeatAsync(theirs with { Tenant = TenantA }, Now.AddSeconds(20)));

        AssertSameTask(theirs, await GetAsync(theirs.Id, TenantB));
    }

    [Fact]
    public async Task A_completion_with_another_tenants_task_and_lease_is_not_found_and_completes_nothing()
    {
        var theirs = await ClaimedForAsync(TenantB);

        await Assert.ThrowsAsync<NotFoundException>(() => CompleteAsync(theirs with { Tenant = TenantA }));

        AssertSameTask(theirs, await GetAsync(theirs.Id, TenantB));
        Assert.Equal(0, (await StatsAsync(TenantA)).CompletedTasks);
        Assert.Equal(0, (await StatsAsync(TenantB)).CompletedTasks);
    }

    [Fact]
    public async Task A_batch_of_completions_with_another_tenants_tasks_refuses_those_and_completes_its_own()
    {
        var theirs = await ClaimedForAsync(TenantB);
        var mine = await ClaimedForAsync(TenantA);

        var outcomes = await Store.CompleteTasksAsync(
            new CompleteTasksParams(TenantA, [new TaskCompletion(theirs.Id, LeaseOf(theirs), "{}"), new TaskCompletion(mine.Id, LeaseOf(mine), "{}")], Now),
            CancellationToken.None);

        Assert.Equal([ProblemCodes.NotFound, null], outcomes.Select(o => o.Refusal));
        AssertSameTask(theirs, await GetAsync(theirs.Id, TenantB));
        Assert.Equal(DurqTaskStatus.Completed, (await GetAsync(mine.Id, TenantA))?.Status);
    }

    [Fact]
    public async Task A_failure_with_another_tenants_task_and_lease_is_not_found_and_records_nothing()
    {
        var theirs = await ClaimedForAsync(TenantB);

        await Assert.ThrowsAsync<NotFoundException>(() => FailAsync(theirs with { Tenant = TenantA }, retryable: false));

        AssertSameTask(theirs, await GetAsync(theirs.Id, TenantB));
        Assert.Equal(new QueueStats(0, 1, 0, 0, 0, 1), await StatsAsync(TenantB));
        Assert.Equal(new QueueStats(0, 0, 0, 0, 0, 0), await StatsAsync(TenantA));
    }

    [Fact]
    public async Task Cancelling_another_tenants_claimed_task_is_not_found_and_requests_nothing()
    {
        var theirs = await ClaimedForAsync(TenantB);

        await Assert.ThrowsAsync<NotFoundException>(() => CancelAsync(theirs.Id, TenantA));

        Assert.False((await GetAsync(theirs.Id, TenantB))?.CancelRequested);
        Assert.False((await HeartbeatAsync(theirs)).ShouldCancel);
    }

    [Fact]
    public async Task The_reaper_returns_each_expired_task_to_its_own_tenant()
    {
        var mine = await ClaimedForAsync(TenantA);
        var theirs = await ClaimedForAsync(TenantB);
        var expired = mine.LeaseExpiresAt!.Value;

        var reclaimed = await ReclaimAsync(expired);

        Assert.Equal(
            new[] { (TenantA, mine.Id), (TenantB, theirs.Id) }.Order(),
            reclaimed.Select(r => (r.Tenant, r.TaskId)).Order());
        Assert.Equal(new QueueStats(1, 0, 0, 0, 1, 1), await StatsAsync(TenantA));
        Assert.Equal(new QueueStats(1, 0, 0, 0, 1, 1), await StatsAsync(TenantB));
        Assert.Equal([mine.Id], (await ClaimAsync(at: reclaimed[0].VisibleAt!.Value.AddMinutes(5), tenant: TenantA)).Select(t => t.Id));
    }

    /// <summary>One task of the tenant, claimed by the same worker id in every tenant.</summary>
    private async Task<DurqTask> ClaimedForAsync(string tenant)
    {
        await EnqueueForAsync(tenant, NewTask());
        return await ClaimOneAsync(tenant: tenant);
    }
}
