using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// The reaper: a claimed task whose lease ran out (<c>lease_expired</c>) or whose run passed its timeout (<c>timeout</c>)
/// counts as a failed attempt and moves on as any failure would; live leases are left alone.
/// </summary>
public abstract class ReclaimExpiredTests : StoreTests
{
    [Fact]
    public async Task An_expired_lease_is_a_failed_attempt_of_type_lease_expired()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        var claimed = await ClaimOneAsync(workerId: WorkerA);
        var expiry = claimed.LeaseExpiresAt!.Value;

        var reclaimed = await ReclaimAsync(expiry);

        var retryAt = expiry.AddSeconds(1);
        Assert.Equal([new ReclaimedTask(TenantA, task.Id, "email.send", DurqTaskStatus.Pending, retryAt, TaskError.LeaseExpiredType, WorkerA)], reclaimed);
        var stored = await GetAsync(task.Id);
        Assert.NotNull(stored);
        Assert.Equal(DurqTaskStatus.Pending, stored.Status);
        Assert.Equal(1, stored.Attempt);
        Assert.Equal(retryAt, stored.VisibleAt);
        Assert.Equal(expiry, stored.UpdatedAt);
        AssertNoLease(stored);
        var error = Assert.Single(ErrorsOf(stored));
        Assert.Equal(1, error.Attempt);
        Assert.Equal(TaskError.LeaseExpiredType, error.Type);
        Assert.Equal(expiry, error.At);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(error, LastErrorOf(stored));
    }

    [Fact]
    public async Task A_lease_not_yet_expired_is_left_alone()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();
        var before = await GetAsync(claimed.Id);

        Assert.Empty(await ReclaimAsync(claimed.LeaseExpiresAt!.Value.AddMilliseconds(-1)));

        AssertSameTask(before!, await GetAsync(claimed.Id));
    }

    [Fact]
    public async Task A_renewed_lease_is_not_reclaimed_at_its_first_expiry()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();
        var renewed = await HeartbeatAsync(claimed, Now.AddSeconds(20));

        Assert.Empty(await ReclaimAsync(claimed.LeaseExpiresAt!.Value));
        var reclaimed = await ReclaimAsync(renewed.LeaseExpiresAt);

        Assert.Equal([claimed.Id], reclaimed.Select(r => r.TaskId));
    }

    [Fact]
    public async Task A_run_past_its_timeout_is_a_failed_attempt_of_type_timeout_even_while_heartbeating()
    {
        var options = DefaultOptions with { TimeoutSeconds = 60, HeartbeatTimeoutSeconds = 30 };
        await EnqueueAsync(NewTask(options: options));
        var claimed = await ClaimOneAsync();
        foreach (var seconds in new[] { 20, 40, 59 })
        {
            await HeartbeatAsync(claimed, Now.AddSeconds(seconds));
        }

        Assert.Empty(await ReclaimAsync(Now.AddSeconds(60).AddMilliseconds(-1)));
        var reclaimed = Assert.Single(await ReclaimAsync(Now.AddSeconds(60)));

        Assert.Equal(claimed.Id, reclaimed.TaskId);
        Assert.Equal(DurqTaskStatus.Pending, reclaimed.Status);
        var stored = await GetAsync(claimed.Id);
        var error = Assert.Single(ErrorsOf(stored));
        Assert.Equal(TaskError.TimeoutType, error.Type);
        Assert.Equal(Now.AddSeconds(60), error.At);
        AssertNoLease(stored);
    }

    [Fact]
    public async Task An_expired_lease_on_the_last_attempt_is_dead()
    {
        var task = NewTask("sms.send", options: DefaultOptions with { MaxAttempts = 1 });
        await EnqueueAsync(task);
        var claimed = Assert.Single(await ClaimAsync(activityTypes: ["sms.send"]));

        var reclaimed = await ReclaimAsync(claimed.LeaseExpiresAt!.Value);

        Assert.Equal([new ReclaimedTask(TenantA, task.Id, "sms.send", DurqTaskStatus.Dead, null, TaskError.LeaseExpiredType, WorkerA)], reclaimed);
        var stored = await GetAsync(task.Id);
        Assert.Equal(DurqTaskStatus.Dead, stored?.Status);
        AssertNoLease(stored);
        Assert.Equal(TaskError.LeaseExpiredType, LastErrorOf(stored)?.Type);
    }

    [Fact]
    public async Task An_expired_lease_after_a_cancel_request_ends_cancelled()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();
        await CancelAsync(claimed.Id, at: Now.AddSeconds(1));

        var reclaimed = Assert.Single(await ReclaimAsync(claimed.LeaseExpiresAt!.Value));

        Assert.Equal(DurqTaskStatus.Cancelled, reclaimed.Status);
        Assert.Null(reclaimed.VisibleAt);
        Assert.Equal(DurqTaskStatus.Cancelled, (await GetAsync(claimed.Id))?.Status);
    }

    [Fact]
    public async Task Each_reclaim_follows_the_backoff_of_its_attempt()
    {
        var task = NewTask(options: DefaultOptions with { MaxAttempts = 3 });
        await EnqueueAsync(task);
        var time = Now;
        var visibleTimes = new List<DateTimeOffset?>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var claimed = await ClaimOneAsync(at: time);
            Assert.Equal(attempt, claimed.Attempt);
            var reclaimed = Assert.Single(await ReclaimAsync(claimed.LeaseExpiresAt!.Value));
            visibleTimes.Add(reclaimed.VisibleAt);
            time = reclaimed.VisibleAt ?? time;
        }

        var firstExpiry = Now.AddSeconds(30);
        var secondExpiry = firstExpiry.AddSeconds(1).AddSeconds(30);
        Assert.Equal([firstExpiry.AddSeconds(1), secondExpiry.AddSeconds(2), null], visibleTimes);
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(task.Id))?.Status);
        Assert.Equal([1, 2, 3], ErrorsOf(await GetAsync(task.Id)).Select(e => e.Attempt));
    }

    [Fact]
    public async Task The_jitter_draw_is_taken_for_each_reclaimed_task()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();
        var expiry = claimed.LeaseExpiresAt!.Value;

        var reclaimed = Assert.Single(await ReclaimAsync(expiry, jitterDraw: 0.0));

        // Default retry: 1 s with 10 % jitter; a draw of 0 takes the full 10 % off.
        Assert.Equal(expiry.AddMilliseconds(900), reclaimed.VisibleAt);
        Assert.Equal(reclaimed.VisibleAt, (await GetAsync(claimed.Id))?.VisibleAt);
    }

    [Fact]
    public async Task A_reclaim_takes_at_most_max_tasks_and_later_ones_take_the_rest()
    {
        var tasks = NewTasks(5);
        await EnqueueAsync(tasks);
        await ClaimAsync(5);
        var later = Now.AddMinutes(1);

        var first = await ReclaimAsync(later, maxTasks: 2);
        var second = await ReclaimAsync(later, maxTasks: 2);
        var third = await ReclaimAsync(later, maxTasks: 2);

        Assert.Equal([2, 2, 1], new[] { first.Count, second.Count, third.Count });
        Assert.Equal(tasks.Select(t => t.Id).Order(), first.Concat(second).Concat(third).Select(r => r.TaskId).Order());
        Assert.Empty(await ReclaimAsync(later, maxTasks: 2));
    }

    [Fact]
    public async Task A_reclaim_spans_every_tenant_and_names_each_tasks_tenant_and_type()
    {
        var mine = NewTask("email.send");
        var theirs = NewTask("sms.send");
        await EnqueueForAsync(TenantA, mine);
        await EnqueueForAsync(TenantB, theirs);
        await ClaimAsync(tenant: TenantA);
        await ClaimAsync(tenant: TenantB, activityTypes: ["sms.send"]);
        var later = Now.AddMinutes(1);

        var reclaimed = await ReclaimAsync(later);

        var retryAt = later.AddSeconds(1);
        Assert.Equal(
            new[]
            {
                new ReclaimedTask(TenantA, mine.Id, "email.send", DurqTaskStatus.Pending, retryAt, TaskError.LeaseExpiredType, WorkerA),
                new ReclaimedTask(TenantB, theirs.Id, "sms.send", DurqTaskStatus.Pending, retryAt, TaskError.LeaseExpiredType, WorkerA),
            }.OrderBy(r => r.TaskId),
            reclaimed.OrderBy(r => r.TaskId));
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(theirs.Id, TenantB))?.Status);
    }

    [Fact]
    public async Task Only_claimed_tasks_are_reclaimed()
    {
        await EnqueueAsync(NewTask());
        var completed = await ClaimOneAsync();
        await CompleteAsync(completed);
        var pending = NewTask("sms.send");
        var delayed = NewTask(options: DefaultOptions with { RunAt = Now.AddMinutes(5) });
        await EnqueueAsync(pending, delayed);
        var before = new[] { await GetAsync(completed.Id), await GetAsync(pending.Id), await GetAsync(delayed.Id) };

        Assert.Empty(await ReclaimAsync(Now.AddDays(1)));

        foreach (var task in before)
        {
            AssertSameTask(task!, await GetAsync(task!.Id));
        }
    }

    [Fact]
    public async Task A_reclaimed_task_is_claimed_again_with_its_next_attempt_and_a_new_lease()
    {
        await EnqueueAsync(NewTask());
        var first = await ClaimOneAsync(workerId: WorkerA);
        var reclaimed = Assert.Single(await ReclaimAsync(first.LeaseExpiresAt!.Value));

        Assert.Empty(await ClaimAsync(at: reclaimed.VisibleAt!.Value.AddMilliseconds(-1)));
        var second = await ClaimOneAsync(at: reclaimed.VisibleAt, workerId: WorkerB);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Attempt);
        Assert.Equal(WorkerB, second.ClaimedBy);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        Assert.Empty(await ReclaimAsync(reclaimed.VisibleAt!.Value.AddSeconds(29)));
    }
}
