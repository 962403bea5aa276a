using System.Collections.Concurrent;
using Durq.Core.Storage;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Two tenants and wake-ups: every <see cref="ITaskStore.WorkCommitted"/> names the tenant whose work became claimable,
/// so the claims of one tenant are never woken by (or for) another's work. Each kind of write that makes work
/// claimable is run in tenant B while tenant A only watches.
/// </summary>
public abstract class TenantWakeIsolationTests : StoreTests
{
    private readonly ConcurrentQueue<WorkAvailable> _announced = new();

    public TenantWakeIsolationTests() => Opened += store => store.WorkCommitted += (_, work) => _announced.Enqueue(work);

    [Fact]
    public async Task An_enqueue_announces_its_own_tenant()
    {
        await EnqueueForAsync(TenantB, NewTask("sms.send"));
        await EnqueueForAsync(TenantA, NewTask("email.send"));

        Assert.Equal([new WorkAvailable(TenantB, "sms.send"), new WorkAvailable(TenantA, "email.send")], _announced);
    }

    [Fact]
    public async Task A_retry_after_a_failure_announces_its_own_tenant()
    {
        await EnqueueForAsync(TenantB, NewTask());
        var claimed = await ClaimOneAsync(tenant: TenantB);
        _announced.Clear();

        var decision = await FailAsync(claimed);

        Assert.Equal([new WorkAvailable(TenantB, "email.send", decision.NextVisibleAt)], _announced);
    }

    [Fact]
    public async Task An_expired_lease_announces_its_own_tenant()
    {
        await EnqueueForAsync(TenantB, NewTask());
        var claimed = await ClaimOneAsync(tenant: TenantB);
        _announced.Clear();

        var reclaimed = Assert.Single(await ReclaimAsync(claimed.LeaseExpiresAt!.Value));

        Assert.Equal([new WorkAvailable(TenantB, "email.send", reclaimed.VisibleAt)], _announced);
    }

    [Fact]
    public async Task Dead_letter_retries_announce_their_own_tenant()
    {
        await EnqueueForAsync(TenantB, NewTask(), NewTask("sms.send"));
        foreach (var claimed in await ClaimAsync(2, tenant: TenantB, activityTypes: ["email.send", "sms.send"]))
        {
            await FailAsync(claimed, retryable: false);
        }

        var dead = (await ListAsync(tenant: TenantB)).Tasks.Single(t => t.ActivityType == "sms.send");
        _announced.Clear();

        await Store.RetryDeadTaskAsync(new RetryDeadTaskParams(TenantB, dead.Id, Now), CancellationToken.None);
        await Store.RetryDeadTasksAsync(new RetryDeadTasksParams(TenantB, null, Now), CancellationToken.None);
        await Store.RetryDeadTasksAsync(new RetryDeadTasksParams(TenantA, null, Now), CancellationToken.None);

        Assert.Equal([new WorkAvailable(TenantB, "sms.send"), new WorkAvailable(TenantB, "email.send")], _announced);
    }

    [Fact]
    public async Task Tasks_a_leaving_worker_hands_back_are_announced_for_its_own_tenant()
    {
        await EnqueueForAsync(TenantB, NewTask());
        await ClaimOneAsync(workerId: WorkerA, tenant: TenantB);
        await RegisterWorkerAsync(WorkerA, TenantA);
        _announced.Clear();

        await DeregisterAsync(WorkerA, TenantA);
        await DeregisterAsync(WorkerA, TenantB);

        Assert.Equal([new WorkAvailable(TenantB, "email.send")], _announced);
    }
}
