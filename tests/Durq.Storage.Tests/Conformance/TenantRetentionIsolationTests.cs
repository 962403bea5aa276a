using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Two tenants and retention, which runs over every tenant at once: it deletes each row by its own age, so a tenant's
/// old rows go while another tenant's rows of the same key or worker id stay, and each tenant's gauges follow its own.
/// </summary>
public abstract class TenantRetentionIsolationTests : StoreTests
{
    private static readonly DateTimeOffset Cutoff = Now.AddMinutes(2);

    [Fact]
    public async Task A_silent_worker_is_purged_while_the_same_id_of_another_tenant_keeps_heartbeating()
    {
        await RegisterWorkerAsync(WorkerA, TenantA, at: Now);
        await RegisterWorkerAsync(WorkerA, TenantB, at: Now);
        await HeartbeatWorkerAsync(WorkerA, 0, Cutoff.AddMinutes(1), TenantB);

        var result = await PurgeAsync(workersBefore: Cutoff);

        Assert.Equal(1, result.Workers);
        Assert.Empty(await ListWorkersAsync(TenantA));
        Assert.Equal([WorkerA], (await ListWorkersAsync(TenantB)).Select(w => w.Id));
    }

    [Fact]
    public async Task An_old_idempotency_key_is_forgotten_while_the_same_key_of_another_tenant_still_replays()
    {
        var key = new IdempotencyKey("shared-key", "fingerprint");
        await Store.EnqueueAsync(new EnqueueParams(TenantA, [NewTask()], key, 0, Now), CancellationToken.None);
        var theirs = NewTask();
        await Store.EnqueueAsync(new EnqueueParams(TenantB, [theirs], key, 0, Cutoff.AddMinutes(1)), CancellationToken.None);

        var result = await PurgeAsync(keysBefore: Cutoff);

        Assert.Equal(1, result.IdempotencyKeys);
        var mineAgain = await Store.EnqueueAsync(new EnqueueParams(TenantA, [NewTask()], key, 0, Cutoff), CancellationToken.None);
        var theirsAgain = await Store.EnqueueAsync(new EnqueueParams(TenantB, [NewTask()], key, 0, Cutoff), CancellationToken.None);
        Assert.False(mineAgain.Replayed);
        Assert.True(theirsAgain.Replayed);
        Assert.Equal([theirs.Id], theirsAgain.TaskIds);
    }

    [Fact]
    public async Task An_old_finished_task_is_purged_while_another_tenants_newer_one_stays()
    {
        var mine = await CompletedForAsync(TenantA, Now);
        var theirs = await CompletedForAsync(TenantB, Cutoff.AddMinutes(1));

        Assert.Equal(1, (await PurgeAsync(finishedBefore: Cutoff)).Tasks);

        Assert.Null(await GetAsync(mine, TenantA));
        Assert.Equal(DurqTaskStatus.Completed, (await GetAsync(theirs, TenantB))?.Status);
    }

    [Fact]
    public async Task Purging_a_tenants_dead_tasks_moves_only_its_own_gauge()
    {
        var mine = NewTask();
        await EnqueueForAsync(TenantA, mine);
        await FailAsync(await ClaimOneAsync(tenant: TenantA), retryable: false, at: Now);
        var theirs = NewTask();
        await EnqueueForAsync(TenantB, theirs);
        await FailAsync(await ClaimOneAsync(at: Cutoff.AddMinutes(1), tenant: TenantB), retryable: false, at: Cutoff.AddMinutes(1));

        await PurgeAsync(deadBefore: Cutoff);

        Assert.Equal(0, (await StatsAsync(TenantA)).DeadTasks);
        Assert.Equal(1, (await StatsAsync(TenantB)).DeadTasks);
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(theirs.Id, TenantB))?.Status);
    }

    private async Task<Guid> CompletedForAsync(string tenant, DateTimeOffset at)
    {
        var task = NewTask();
        await EnqueueForAsync(tenant, task);
        await CompleteAsync(await ClaimOneAsync(at: at, tenant: tenant), at: at);
        return task.Id;
    }
}
