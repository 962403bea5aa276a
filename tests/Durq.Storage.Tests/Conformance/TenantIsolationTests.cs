using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Every query filters by tenant: one tenant never sees, cancels, crowds out or replays another's tasks. The other
/// themes of the two-tenant suite: <see cref="TenantLeaseIsolationTests"/> (claims and leases),
/// <see cref="TenantDeadLetterIsolationTests"/>, <see cref="TenantWorkerIsolationTests"/>,
/// <see cref="TenantRetentionIsolationTests"/> and <see cref="TenantWakeIsolationTests"/>.
/// </summary>
public abstract class TenantIsolationTests : StoreTests
{
    [Fact]
    public async Task Task_of_one_tenant_cannot_be_read_by_another()
    {
        var task = NewTask();
        await EnqueueForAsync(TenantA, task);

        Assert.Null(await GetAsync(task.Id, TenantB));
        Assert.NotNull(await GetAsync(task.Id, TenantA));
    }

    [Fact]
    public async Task Task_of_one_tenant_is_not_listed_for_another()
    {
        var mine = NewTask(idTime: Now);
        var theirs = NewTask(idTime: Now.AddMilliseconds(1));
        await EnqueueForAsync(TenantA, mine);
        await EnqueueForAsync(TenantB, theirs);

        Assert.Equal([mine.Id], (await ListAsync(tenant: TenantA)).Tasks.Select(t => t.Id));
        Assert.Equal([theirs.Id], (await ListAsync(tenant: TenantB)).Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task A_cursor_taken_from_another_tenants_task_pages_only_through_ones_own()
    {
        var mine = NewTask(idTime: Now);
        var theirs = NewTask(idTime: Now.AddMilliseconds(1));
        await EnqueueForAsync(TenantA, mine);
        await EnqueueForAsync(TenantB, theirs);

        Assert.Equal([mine.Id], (await ListAsync(cursor: theirs.Id, tenant: TenantA)).Tasks.Select(t => t.Id));
        Assert.Empty((await ListAsync(cursor: theirs.Id, tenant: TenantB)).Tasks);
    }

    [Fact]
    public async Task The_dead_letter_list_of_one_tenant_holds_none_of_anothers()
    {
        await EnqueueForAsync(TenantB, NewTask());
        await FailAsync(await ClaimOneAsync(tenant: TenantB), retryable: false);

        Assert.Empty((await ListAsync(DurqTaskStatus.Dead, tenant: TenantA)).Tasks);
        Assert.Single((await ListAsync(DurqTaskStatus.Dead, tenant: TenantB)).Tasks);
    }

    [Fact]
    public async Task Task_of_one_tenant_cannot_be_cancelled_by_another()
    {
        var task = NewTask();
        await EnqueueForAsync(TenantA, task);

        await Assert.ThrowsAsync<NotFoundException>(() => CancelAsync(task.Id, TenantB));
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(task.Id, TenantA))?.Status);
    }

    [Fact]
    public async Task Queue_cap_counts_each_tenant_apart()
    {
        await Store.EnqueueAsync(new EnqueueParams(TenantA, NewTasks(2), null, 2, Now), CancellationToken.None);

        var result = await Store.EnqueueAsync(new EnqueueParams(TenantB, NewTasks(2), null, 2, Now), CancellationToken.None);

        Assert.Equal(2, result.TaskIds.Count);
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_their_tenant()
    {
        var key = new IdempotencyKey("shared-key", "fingerprint");
        var first = NewTask();
        var second = NewTask();
        await Store.EnqueueAsync(new EnqueueParams(TenantA, [first], key, 0, Now), CancellationToken.None);

        var result = await Store.EnqueueAsync(new EnqueueParams(TenantB, [second], key, 0, Now), CancellationToken.None);

        Assert.Equal([second.Id], result.TaskIds);
        Assert.False(result.Replayed);
        Assert.NotNull(await GetAsync(second.Id, TenantB));
    }
}
