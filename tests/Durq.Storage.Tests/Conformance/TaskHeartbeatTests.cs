using Durq.Core.Errors;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Task heartbeats: renew the lease from their own time, keep the worker's progress note, report a cancel request.</summary>
public abstract class TaskHeartbeatTests : StoreTests
{
    [Fact]
    public async Task A_heartbeat_extends_the_lease_from_its_own_time()
    {
        var claimed = await EnqueueAndClaimAsync(DefaultOptions with { HeartbeatTimeoutSeconds = 30 });
        var beat = Now.AddSeconds(20);

        var lease = await HeartbeatAsync(claimed, beat);

        Assert.Equal(beat.AddSeconds(30), lease.LeaseExpiresAt);
        Assert.False(lease.ShouldCancel);
        var stored = await GetAsync(claimed.Id);
        Assert.NotNull(stored);
        Assert.Equal(beat.AddSeconds(30), stored.LeaseExpiresAt);
        Assert.Equal(beat, stored.LastHeartbeatAt);
        Assert.Equal(DurqTaskStatus.Claimed, stored.Status);
        Assert.Equal(1, stored.Attempt);
        Assert.Equal(claimed.LeaseId, stored.LeaseId);
        Assert.Equal(claimed.ClaimedBy, stored.ClaimedBy);
        Assert.Equal(claimed.ClaimedAt, stored.ClaimedAt);
    }

    [Fact]
    public async Task A_heartbeat_does_not_move_the_run_timeout()
    {
        var claimed = await EnqueueAndClaimAsync(DefaultOptions with { TimeoutSeconds = 60, HeartbeatTimeoutSeconds = 30 });

        await HeartbeatAsync(claimed, Now.AddSeconds(20));
        await HeartbeatAsync(claimed, Now.AddSeconds(45));

        var stored = await GetAsync(claimed.Id);
        Assert.Equal(Now.AddSeconds(60), stored?.TimeoutAt);
        Assert.Equal(Now.AddSeconds(75), stored?.LeaseExpiresAt);
    }

    [Fact]
    public async Task Regular_heartbeats_keep_a_task_past_its_first_lease()
    {
        var claimed = await EnqueueAndClaimAsync(DefaultOptions with { HeartbeatTimeoutSeconds = 30 });

        foreach (var seconds in new[] { 20, 40, 60, 80 })
        {
            await HeartbeatAsync(claimed, Now.AddSeconds(seconds));
        }

        Assert.Empty(await ReclaimAsync(Now.AddSeconds(109)));
        var completed = await CompleteAsync(claimed, at: Now.AddSeconds(109));
        Assert.Equal(DurqTaskStatus.Completed, completed.Status);
    }

    [Fact]
    public async Task A_lease_that_lapsed_cannot_be_renewed_by_a_later_heartbeat()
    {
        var claimed = await EnqueueAndClaimAsync(DefaultOptions with { HeartbeatTimeoutSeconds = 30 });
        await HeartbeatAsync(claimed, Now.AddSeconds(20));

        await Assert.ThrowsAsync<LeaseLostException>(() => HeartbeatAsync(claimed, Now.AddSeconds(50)));

        Assert.Equal(Now.AddSeconds(50), (await GetAsync(claimed.Id))?.LeaseExpiresAt);
    }

    [Theory]
    [InlineData("{\"progress\":0.25}")]
    [InlineData("{ \"step\" : \"h\u00e9llo \U0001F680\",\n \"n\": [1, 2.50] }")]
    [InlineData("[]")]
    [InlineData("\"halfway\"")]
    public async Task A_heartbeat_keeps_its_details_as_sent(string detailsJson)
    {
        var claimed = await EnqueueAndClaimAsync();

        await HeartbeatAsync(claimed, Now.AddSeconds(1), detailsJson);

        Assert.Equal(detailsJson, (await GetAsync(claimed.Id))?.HeartbeatDetailsJson);
    }

    [Fact]
    public async Task Newer_details_replace_older_ones_and_a_heartbeat_without_details_keeps_the_last()
    {
        var claimed = await EnqueueAndClaimAsync();

        await HeartbeatAsync(claimed, Now.AddSeconds(1), "{\"progress\":0.25}");
        await HeartbeatAsync(claimed, Now.AddSeconds(2), "{\"progress\":0.5}");
        Assert.Equal("{\"progress\":0.5}", (await GetAsync(claimed.Id))?.HeartbeatDetailsJson);

        await HeartbeatAsync(claimed, Now.AddSeconds(3));
        var stored = await GetAsync(claimed.Id);

        Assert.Equal("{\"progress\":0.5}", stored?.HeartbeatDetailsJson);
        Assert.Equal(Now.AddSeconds(3), stored?.LastHeartbeatAt);
    }

    [Fact]
    public async Task A_new_claim_starts_without_the_previous_attempts_heartbeat()
    {
        var first = await EnqueueAndClaimAsync();
        await HeartbeatAsync(first, Now.AddSeconds(1), "{\"progress\":0.9}");
        var decision = await FailAsync(first, at: Now.AddSeconds(2));

        var second = await ClaimOneAsync(at: decision.NextVisibleAt);

        Assert.Null(second.HeartbeatDetailsJson);
        Assert.Null(second.LastHeartbeatAt);
    }

    [Fact]
    public async Task A_heartbeat_reports_a_cancel_request_made_while_the_task_was_claimed()
    {
        var claimed = await EnqueueAndClaimAsync();
        Assert.False((await HeartbeatAsync(claimed, Now.AddSeconds(1))).ShouldCancel);

        var afterCancel = await CancelAsync(claimed.Id, at: Now.AddSeconds(2));
        var lease = await HeartbeatAsync(claimed, Now.AddSeconds(3));

        Assert.Equal(DurqTaskStatus.Claimed, afterCancel.Status);
        Assert.True(afterCancel.CancelRequested);
        Assert.True(lease.ShouldCancel);
        Assert.Equal(Now.AddSeconds(33), lease.LeaseExpiresAt);
        var stored = await GetAsync(claimed.Id);
        Assert.Equal(DurqTaskStatus.Claimed, stored?.Status);
        Assert.True(stored?.CancelRequested);
    }

    [Fact]
    public async Task A_cancel_request_on_one_task_does_not_reach_another()
    {
        await EnqueueAsync(NewTasks(2));
        var claimed = await ClaimAsync(2);

        await CancelAsync(claimed[0].Id, at: Now.AddSeconds(1));

        Assert.True((await HeartbeatAsync(claimed[0], Now.AddSeconds(2))).ShouldCancel);
        Assert.False((await HeartbeatAsync(claimed[1], Now.AddSeconds(2))).ShouldCancel);
    }

    private async Task<DurqTask> EnqueueAndClaimAsync(TaskOptions? options = null)
    {
        await EnqueueAsync(NewTask(options: options));
        return await ClaimOneAsync();
    }
}
