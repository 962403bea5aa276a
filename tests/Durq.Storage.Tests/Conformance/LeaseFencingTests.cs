using Durq.Core.Errors;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Only the holder of the live lease may heartbeat, complete or fail. Any other report is refused with
/// <see cref="LeaseLostException"/> (or <see cref="NotFoundException"/> when there is no such task) and changes nothing.
/// </summary>
public abstract class LeaseFencingTests : StoreTests
{
    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task A_report_with_a_wrong_lease_id_is_lease_lost_and_changes_nothing(string report)
    {
        var claimed = await EnqueueAndClaimAsync();
        var before = await GetAsync(claimed.Id);

        var error = await Assert.ThrowsAsync<LeaseLostException>(
            () => ReportAsync(report, claimed with { LeaseId = Guid.CreateVersion7(Now) }, Now.AddSeconds(1)));

        Assert.Equal(claimed.Id, error.TaskId);
        Assert.Equal(ProblemCodes.LeaseLost, error.Code);
        AssertSameTask(before!, await GetAsync(claimed.Id));
    }

    [Fact]
    public async Task A_second_failure_report_says_the_first_one_released_the_lease()
    {
        var claimed = await EnqueueAndClaimAsync();
        await FailAsync(claimed, "SmtpTimeout", at: Now.AddSeconds(1));

        var error = await Assert.ThrowsAsync<LeaseLostException>(() => FailAsync(claimed, "SmtpTimeout", at: Now.AddSeconds(2)));

        Assert.Contains("a failure of attempt 1 (type 'SmtpTimeout') was already reported", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_after_a_cancellation_says_the_task_was_cancelled()
    {
        var claimed = await EnqueueAndClaimAsync();
        await FailAsync(claimed, at: Now.AddSeconds(1));
        await Store.CancelTaskAsync(new Core.Storage.CancelTaskParams(claimed.Tenant, claimed.Id, Now.AddSeconds(2)), CancellationToken.None);

        var error = await Assert.ThrowsAsync<LeaseLostException>(() => CompleteAsync(claimed, at: Now.AddSeconds(3)));

        Assert.Contains("the task was cancelled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heartbeat", 0)]
    [InlineData("complete", 0)]
    [InlineData("fail", 0)]
    [InlineData("heartbeat", 90_000)]
    [InlineData("complete", 90_000)]
    [InlineData("fail", 90_000)]
    public async Task A_report_once_the_lease_expired_is_lease_lost_and_changes_nothing(string report, int msPastExpiry)
    {
        var claimed = await EnqueueAndClaimAsync();
        var before = await GetAsync(claimed.Id);

        await Assert.ThrowsAsync<LeaseLostException>(
            () => ReportAsync(report, claimed, claimed.LeaseExpiresAt!.Value.AddMilliseconds(msPastExpiry)));

        AssertSameTask(before!, await GetAsync(claimed.Id));
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task A_report_in_the_last_millisecond_of_the_lease_is_accepted(string report)
    {
        var claimed = await EnqueueAndClaimAsync();

        await ReportAsync(report, claimed, claimed.LeaseExpiresAt!.Value.AddMilliseconds(-1));

        Assert.NotEqual(claimed.UpdatedAt, (await GetAsync(claimed.Id))?.UpdatedAt);
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task The_lease_of_a_claim_the_reaper_took_back_is_lost_once_another_worker_claims_the_task(string report)
    {
        var first = await EnqueueAndClaimAsync(WorkerA);
        var reclaimed = Assert.Single(await ReclaimAsync(first.LeaseExpiresAt!.Value));
        var second = await ClaimOneAsync(at: reclaimed.VisibleAt, workerId: WorkerB);
        var before = await GetAsync(first.Id);

        await Assert.ThrowsAsync<LeaseLostException>(() => ReportAsync(report, first, reclaimed.VisibleAt!.Value.AddSeconds(1)));

        AssertSameTask(before!, await GetAsync(first.Id));
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        Assert.Equal(DurqTaskStatus.Completed, (await CompleteAsync(second, at: reclaimed.VisibleAt!.Value.AddSeconds(2))).Status);
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task The_lease_of_a_released_claim_is_lost_even_before_its_own_expiry(string report)
    {
        // Deregistering hands the task back at once; the old lease has time left, but another worker now holds the task.
        var first = await EnqueueAndClaimAsync(WorkerA);
        await DeregisterAsync(WorkerA, at: Now.AddSeconds(1));
        var second = await ClaimOneAsync(at: Now.AddSeconds(1), workerId: WorkerB);
        var before = await GetAsync(first.Id);

        await Assert.ThrowsAsync<LeaseLostException>(() => ReportAsync(report, first, Now.AddSeconds(2)));

        AssertSameTask(before!, await GetAsync(first.Id));
        Assert.Equal(WorkerB, (await GetAsync(first.Id))?.ClaimedBy);
        Assert.Equal(LeaseOf(second), (await GetAsync(first.Id))?.LeaseId);
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task A_report_after_the_task_was_completed_is_lease_lost(string report)
    {
        var claimed = await EnqueueAndClaimAsync();
        await CompleteAsync(claimed, "{\"done\":1}", Now.AddSeconds(1));
        var before = await GetAsync(claimed.Id);

        await Assert.ThrowsAsync<LeaseLostException>(() => ReportAsync(report, claimed, Now.AddSeconds(2)));

        AssertSameTask(before!, await GetAsync(claimed.Id));
        Assert.Equal("{\"done\":1}", before?.ResultJson);
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task A_report_after_the_attempt_already_failed_is_lease_lost(string report)
    {
        var claimed = await EnqueueAndClaimAsync();
        await FailAsync(claimed, at: Now.AddSeconds(1));
        var before = await GetAsync(claimed.Id);

        await Assert.ThrowsAsync<LeaseLostException>(() => ReportAsync(report, claimed, Now.AddSeconds(2)));

        AssertSameTask(before!, await GetAsync(claimed.Id));
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task A_report_for_a_task_never_claimed_is_lease_lost(string report)
    {
        var claimed = await EnqueueAndClaimAsync();
        var pending = NewTask();
        await EnqueueAsync(pending);
        var before = await GetAsync(pending.Id);

        await Assert.ThrowsAsync<LeaseLostException>(() => ReportAsync(report, claimed with { Id = pending.Id }, Now.AddSeconds(1)));

        AssertSameTask(before!, await GetAsync(pending.Id));
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task A_report_for_an_unknown_task_is_not_found(string report)
    {
        var claimed = await EnqueueAndClaimAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(
            () => ReportAsync(report, claimed with { Id = Guid.CreateVersion7(Now) }, Now.AddSeconds(1)));

        Assert.Equal(ProblemCodes.NotFound, error.Code);
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("complete")]
    [InlineData("fail")]
    public async Task A_report_from_another_tenant_is_not_found_even_with_the_right_lease(string report)
    {
        var claimed = await EnqueueAndClaimAsync();
        var before = await GetAsync(claimed.Id);

        await Assert.ThrowsAsync<NotFoundException>(() => ReportAsync(report, claimed with { Tenant = TenantB }, Now.AddSeconds(1)));

        AssertSameTask(before!, await GetAsync(claimed.Id));
    }

    private async Task<DurqTask> EnqueueAndClaimAsync(string workerId = WorkerA)
    {
        await EnqueueAsync(NewTask());
        return await ClaimOneAsync(workerId: workerId);
    }

    private Task ReportAsync(string report, DurqTask claimed, DateTimeOffset at) => report switch
    {
        "heartbeat" => HeartbeatAsync(claimed, at, "{\"progress\":0.5}"),
        "complete" => CompleteAsync(claimed, "{\"late\":true}", at),
        "fail" => FailAsync(claimed, at: at),
        _ => throw new ArgumentOutOfRangeException(nameof(report), report, "Unknown report."),
    };
}
