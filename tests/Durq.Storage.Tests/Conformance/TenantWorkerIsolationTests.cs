using Durq.Core.Errors;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Two tenants with the same worker id: registering, heartbeating, draining, deregistering, listing, summarizing and
/// capping as tenant A never see, count or change tenant B's worker.
/// </summary>
public abstract class TenantWorkerIsolationTests : StoreTests
{
    [Fact]
    public async Task Registering_an_id_another_tenant_uses_makes_a_worker_of_ones_own_and_leaves_theirs()
    {
        var theirs = await RegisterWorkerAsync(WorkerA, TenantB, at: Now, maxConcurrency: 9);

        var mine = await RegisterWorkerAsync(WorkerA, TenantA, at: Now.AddSeconds(5), maxConcurrency: 1);

        Assert.Equal((TenantA, Now.AddSeconds(5)), (mine.Tenant, mine.RegisteredAt));
        var stored = Assert.Single(await ListWorkersAsync(TenantB));
        Assert.Equal((9, Now, Now), (stored.MaxConcurrency, stored.RegisteredAt, stored.LastHeartbeatAt));
    }

    [Fact]
    public async Task A_heartbeat_for_an_id_registered_only_in_another_tenant_is_not_found_and_changes_nothing()
    {
        await RegisterWorkerAsync(WorkerA, TenantB, at: Now);

        await Assert.ThrowsAsync<NotFoundException>(() => HeartbeatWorkerAsync(WorkerA, 3, Now.AddSeconds(30), TenantA));

        var theirs = Assert.Single(await ListWorkersAsync(TenantB));
        Assert.Equal((0, Now), (theirs.CurrentLoad, theirs.LastHeartbeatAt));
    }

    [Fact]
    public async Task Draining_an_id_registered_only_in_another_tenant_is_not_found_and_drains_nothing()
    {
        await RegisterWorkerAsync(WorkerA, TenantB);

        await Assert.ThrowsAsync<NotFoundException>(() => SetDrainingAsync(WorkerA, draining: true, tenant: TenantA));

        Assert.False(Assert.Single(await ListWorkersAsync(TenantB)).Draining);
    }

    [Fact]
    public async Task Draining_and_resuming_ones_own_worker_leaves_the_same_id_of_another_tenant()
    {
        await RegisterWorkerAsync(WorkerA, TenantA);
        await RegisterWorkerAsync(WorkerA, TenantB);
        await SetDrainingAsync(WorkerA, draining: true, tenant: TenantB);

        await SetDrainingAsync(WorkerA, draining: true, tenant: TenantA);
        await SetDrainingAsync(WorkerA, draining: false, tenant: TenantA);

        Assert.False(Assert.Single(await ListWorkersAsync(TenantA)).Draining);
        Assert.True(Assert.Single(await ListWorkersAsync(TenantB)).Draining);
    }

    [Fact]
    public async Task Deregistering_ones_own_worker_leaves_the_same_id_of_another_tenant_and_its_tasks()
    {
        await RegisterWorkerAsync(WorkerA, TenantA);
        await RegisterWorkerAsync(WorkerA, TenantB);
        await EnqueueForAsync(TenantB, NewTask());
        var theirs = await ClaimOneAsync(workerId: WorkerA, tenant: TenantB);

        Assert.Empty(await DeregisterAsync(WorkerA, TenantA));

        Assert.Empty(await ListWorkersAsync(TenantA));
        Assert.Equal([WorkerA], (await ListWorkersAsync(TenantB)).Select(w => w.Id));
        AssertSameTask(theirs, await GetAsync(theirs.Id, TenantB));
        Assert.Equal(DurqTaskStatus.Claimed, (await GetAsync(theirs.Id, TenantB))?.Status);
    }

    [Fact]
    public async Task Deregistering_an_id_registered_only_in_another_tenant_is_not_found()
    {
        await RegisterWorkerAsync(WorkerA, TenantB);
        await EnqueueForAsync(TenantB, NewTask());
        await ClaimOneAsync(workerId: WorkerA, tenant: TenantB);

        await Assert.ThrowsAsync<NotFoundException>(() => DeregisterAsync(WorkerA, TenantA));

        Assert.Single(await ListWorkersAsync(TenantB));
        Assert.Equal(1, (await StatsAsync(TenantB)).ClaimedTasks);
    }

    [Fact]
    public async Task Pages_of_the_worker_list_hold_only_the_tenants_own_workers()
    {
        foreach (var id in new[] { "w-1", "w-3", "w-5" })
        {
            await RegisterWorkerAsync(id, TenantA);
        }

        foreach (var id in new[] { "w-1", "w-2", "w-4", "w-6" })
        {
            await RegisterWorkerAsync(id, TenantB);
        }

        var first = await ListWorkerPageAsync(limit: 2, tenant: TenantA);
        var second = await ListWorkerPageAsync(limit: 2, after: first.NextAfter, tenant: TenantA);

        Assert.Equal(["w-1", "w-3"], first.Workers.Select(w => w.Id));
        Assert.Equal(["w-5"], second.Workers.Select(w => w.Id));
        Assert.Null(second.NextAfter);
        Assert.All(first.Workers.Concat(second.Workers), w => Assert.Equal(TenantA, w.Tenant));
    }

    [Fact]
    public async Task The_summary_counts_only_the_tenants_own_workers()
    {
        await RegisterWorkerAsync(WorkerA, TenantA, maxConcurrency: 2);
        await RegisterWorkerAsync(WorkerA, TenantB, maxConcurrency: 8);
        await RegisterWorkerAsync(WorkerB, TenantB, maxConcurrency: 8);
        await HeartbeatWorkerAsync(WorkerB, 3, Now, TenantB);
        await SetDrainingAsync(WorkerB, draining: true, tenant: TenantB);

        Assert.Equal(new WorkerTotals(1, 0, 0, 2, 0), await SummarizeWorkersAsync(Now, TenantA));
        Assert.Equal(new WorkerTotals(1, 1, 0, 8, 3), await SummarizeWorkersAsync(Now, TenantB));
    }

    [Fact]
    public async Task Another_tenants_workers_do_not_count_toward_the_cap()
    {
        await RegisterWorkerAsync("w-1", TenantB, maxWorkers: 2);
        await RegisterWorkerAsync("w-2", TenantB, maxWorkers: 2);

        await RegisterWorkerAsync("w-1", TenantA, maxWorkers: 2);
        await RegisterWorkerAsync("w-2", TenantA, maxWorkers: 2);
        await Assert.ThrowsAsync<WorkerLimitReachedException>(() => RegisterWorkerAsync("w-3", TenantA, maxWorkers: 2));

        Assert.Equal(2, (await ListWorkersAsync(TenantB)).Count);
    }

    [Fact]
    public async Task An_id_registered_in_another_tenant_is_a_new_worker_at_the_cap()
    {
        await RegisterWorkerAsync("w-1", TenantA, maxWorkers: 1);
        await RegisterWorkerAsync("w-2", TenantB, maxWorkers: 1);

        await Assert.ThrowsAsync<WorkerLimitReachedException>(() => RegisterWorkerAsync("w-2", TenantA, maxWorkers: 1));
    }

    [Fact]
    public async Task At_the_cap_only_the_tenants_own_stopped_workers_give_up_their_places()
    {
        await RegisterWorkerAsync("w-1", TenantA, at: Now, maxWorkers: 1);
        await RegisterWorkerAsync("w-1", TenantB, at: Now, maxWorkers: 1);
        var later = Now + Worker.StoppedAfter + TimeSpan.FromSeconds(1);

        await RegisterWorkerAsync("w-2", TenantA, at: later, maxWorkers: 1);

        Assert.Equal(["w-2"], (await ListWorkersAsync(TenantA)).Select(w => w.Id));
        Assert.Equal(["w-1"], (await ListWorkersAsync(TenantB)).Select(w => w.Id));
    }
}
