using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Claims: pending → claimed in claim order, only what is visible and asked for, each task with a fresh lease.</summary>
public abstract class ClaimTests : StoreTests
{
    [Fact]
    public async Task Tasks_are_claimed_by_priority_then_visible_time_then_id()
    {
        var (highOld, highNew, lowOld, lowOldLaterId, negative) = await EnqueueFiveInMixedOrderAsync();

        var order = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            order.Add((await ClaimOneAsync()).Id);
        }

        Assert.Equal([highOld.Id, highNew.Id, lowOld.Id, lowOldLaterId.Id, negative.Id], order);
    }

    [Fact]
    public async Task A_claim_of_several_takes_the_first_in_claim_order_and_answers_in_that_order()
    {
        var (highOld, highNew, lowOld, _, _) = await EnqueueFiveInMixedOrderAsync();

        var claimed = await ClaimAsync(3);

        Assert.Equal([highOld.Id, highNew.Id, lowOld.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task A_claim_takes_at_most_max_tasks()
    {
        var tasks = NewTasks(10);
        await EnqueueAsync(tasks);

        var first = await ClaimAsync(3);
        var rest = await ClaimAsync(100);

        Assert.Equal(tasks.Take(3).Select(t => t.Id), first.Select(t => t.Id));
        Assert.Equal(tasks.Skip(3).Select(t => t.Id), rest.Select(t => t.Id));
        Assert.Empty(await ClaimAsync(100));
    }

    [Fact]
    public async Task Only_the_requested_activity_types_are_claimed()
    {
        var email = NewTask("email.send", idTime: Now);
        var sms = NewTask("sms.send", idTime: Now.AddMilliseconds(1));
        var push = NewTask("push.send", idTime: Now.AddMilliseconds(2));
        await EnqueueAsync(email, sms, push);

        Assert.Empty(await ClaimAsync(activityTypes: ["email", "send", "EMAIL.SEND"]));
        var claimed = await ClaimAsync(activityTypes: ["push.send", "email.send"]);

        Assert.Equal([email.Id, push.Id], claimed.Select(t => t.Id));
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(sms.Id))?.Status);
    }

    [Fact]
    public async Task A_task_visible_in_the_future_is_not_claimed_until_now_reaches_it()
    {
        var later = Now.AddSeconds(10);
        var task = NewTask(options: DefaultOptions with { DelaySeconds = 10, RunAt = later });
        await EnqueueAsync(task);

        Assert.Empty(await ClaimAsync(at: Now));
        Assert.Empty(await ClaimAsync(at: later.AddMilliseconds(-1)));
        var claimed = await ClaimAsync(at: later);

        Assert.Equal([task.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task A_task_delayed_past_a_lower_priority_one_does_not_block_it()
    {
        var delayed = NewTask(idTime: Now, options: DefaultOptions with { Priority = 100, RunAt = Now.AddMinutes(1) });
        var ready = NewTask(idTime: Now.AddMilliseconds(1), options: DefaultOptions with { Priority = -100 });
        await EnqueueAsync(delayed, ready);

        var claimed = await ClaimAsync();

        Assert.Equal([ready.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task Each_claimed_task_gets_its_next_attempt_and_a_fresh_lease()
    {
        var options = DefaultOptions with { TimeoutSeconds = 120, HeartbeatTimeoutSeconds = 15 };
        await EnqueueAsync(NewTask(idTime: Now, options: options), NewTask(idTime: Now.AddMilliseconds(1), options: options));
        var claimTime = Now.AddSeconds(3);

        var claimed = await ClaimAsync(at: claimTime, workerId: WorkerB);

        Assert.Equal(2, claimed.Count);
        foreach (var task in claimed)
        {
            Assert.Equal(DurqTaskStatus.Claimed, task.Status);
            Assert.Equal(1, task.Attempt);
            Assert.NotEqual(Guid.Empty, LeaseOf(task));
            Assert.Equal(WorkerB, task.ClaimedBy);
            Assert.Equal(claimTime, task.ClaimedAt);
            Assert.Equal(claimTime.AddSeconds(15), task.LeaseExpiresAt);
            Assert.Equal(claimTime.AddSeconds(120), task.TimeoutAt);
            Assert.Equal(claimTime, task.UpdatedAt);
            Assert.Equal(Now, task.CreatedAt);
            AssertSameTask(task, await GetAsync(task.Id));
        }

        Assert.NotEqual(claimed[0].LeaseId, claimed[1].LeaseId);
    }

    [Fact]
    public async Task A_claimed_task_carries_what_its_worker_needs()
    {
        const string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var options = DefaultOptions with { MaxAttempts = 3, Priority = 7 };
        var task = NewTask("report.build", "{ \"month\" : \"2026-02\" }", options: options, traceparent: traceparent);
        await EnqueueAsync(task);

        var claimed = Assert.Single(await ClaimAsync(activityTypes: ["report.build"]));

        Assert.Equal(task.Id, claimed.Id);
        Assert.Equal(TenantA, claimed.Tenant);
        Assert.Equal("report.build", claimed.ActivityType);
        Assert.Equal("{ \"month\" : \"2026-02\" }", claimed.InputJson);
        Assert.Equal(7, claimed.Priority);
        Assert.Equal(3, claimed.MaxAttempts);
        Assert.Equal(traceparent, claimed.Traceparent);
        AssertSameOptions(options, claimed.Options);
    }

    [Fact]
    public async Task A_claimed_task_is_not_claimed_again()
    {
        await EnqueueAsync(NewTasks(3));
        await ClaimAsync(workerId: WorkerA);

        Assert.Empty(await ClaimAsync(workerId: WorkerB, at: Now.AddSeconds(1)));
        Assert.Empty(await ClaimAsync(workerId: WorkerA, at: Now.AddSeconds(1)));
    }

    [Fact]
    public async Task Claims_take_only_the_tenants_own_tasks()
    {
        var theirs = NewTask();
        await EnqueueForAsync(TenantB, theirs);

        Assert.Empty(await ClaimAsync(tenant: TenantA));
        var claimed = await ClaimAsync(tenant: TenantB);

        Assert.Equal([theirs.Id], claimed.Select(t => t.Id));
        Assert.Equal(TenantB, claimed[0].Tenant);
    }

    [Fact]
    public async Task A_draining_worker_gets_nothing_and_a_resumed_one_does()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        await RegisterWorkerAsync(WorkerA);
        await SetDrainingAsync(WorkerA, draining: true);

        Assert.Empty(await ClaimAsync(workerId: WorkerA));
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(task.Id))?.Status);

        await SetDrainingAsync(WorkerA, draining: false);
        var claimed = await ClaimAsync(workerId: WorkerA);

        Assert.Equal([task.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task Draining_one_worker_does_not_stop_another()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        await RegisterWorkerAsync(WorkerA);
        await RegisterWorkerAsync(WorkerB);
        await SetDrainingAsync(WorkerA, draining: true);

        var claimed = await ClaimAsync(workerId: WorkerB);

        Assert.Equal([task.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task A_drain_holds_only_in_its_own_tenant()
    {
        var task = NewTask();
        await EnqueueForAsync(TenantA, task);
        await RegisterWorkerAsync(WorkerA, TenantA);
        await RegisterWorkerAsync(WorkerA, TenantB);
        await SetDrainingAsync(WorkerA, draining: true, tenant: TenantB);

        var claimed = await ClaimAsync(workerId: WorkerA, tenant: TenantA);

        Assert.Equal([task.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task An_unregistered_worker_may_claim()
    {
        var task = NewTask();
        await EnqueueAsync(task);

        var claimed = Assert.Single(await ClaimAsync(workerId: "never-registered"));

        Assert.Equal(task.Id, claimed.Id);
        Assert.Equal("never-registered", claimed.ClaimedBy);
    }

    /// <summary>
    /// Five tasks enqueued out of claim order. Claim order is: high priority and oldest visible time, high priority and
    /// newer, low priority and old (smaller id), the same visible time with a larger id, and a negative priority last.
    /// </summary>
    private async Task<(NewTask HighOld, NewTask HighNew, NewTask LowOld, NewTask LowOldLaterId, NewTask Negative)> EnqueueFiveInMixedOrderAsync()
    {
        var negative = NewTask(idTime: Now, options: DefaultOptions with { Priority = -3, RunAt = Now.AddSeconds(-20) });
        var lowOld = NewTask(idTime: Now.AddMilliseconds(1), options: DefaultOptions with { RunAt = Now.AddSeconds(-10) });
        var highNew = NewTask(idTime: Now.AddMilliseconds(2), options: DefaultOptions with { Priority = 5 });
        var highOld = NewTask(idTime: Now.AddMilliseconds(3), options: DefaultOptions with { Priority = 5, RunAt = Now.AddSeconds(-5) });
        var lowOldLaterId = NewTask(idTime: Now.AddMilliseconds(4), options: DefaultOptions with { RunAt = Now.AddSeconds(-10) });
        await EnqueueAsync(lowOldLaterId, negative, highNew, lowOld, highOld);
        return (highOld, highNew, lowOld, lowOldLaterId, negative);
    }
}
