using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Claims left waiting in the store (<see cref="ITaskStore.WaitForHandOff"/>): the batch that makes work of their type
/// claimable runs the longest-waiting one with it, at the time it runs, under the type's limits; a claim taken back
/// never runs. A batch answers its claims before its own caller, so each check after an enqueue is already settled.
/// </summary>
public abstract class ClaimHandOffTests : StoreTests
{
    private static readonly DateTimeOffset HandOffTime = Now.AddSeconds(2);

    [Fact]
    public async Task The_batch_that_enqueues_a_task_claims_it_for_the_claim_waiting_at_the_batchs_time()
    {
        var handOff = WaitForHandOff(WorkerA);
        var task = NewTask();

        await EnqueueAsync(task);

        var claimed = Assert.Single(await AnswerOf(handOff));
        Assert.Equal(task.Id, claimed.Id);
        Assert.Equal(WorkerA, claimed.ClaimedBy);
        Assert.Equal(HandOffTime, claimed.ClaimedAt);
        Assert.Equal(HandOffTime.AddSeconds(TaskOptions.DefaultHeartbeatTimeoutSeconds), claimed.LeaseExpiresAt);
        Assert.Equal(DurqTaskStatus.Claimed, (await GetAsync(task.Id))?.Status);
        Assert.False(handOff.TryWithdraw());
    }

    [Fact]
    public async Task A_claim_taken_back_is_never_run()
    {
        var handOff = WaitForHandOff(WorkerA);
        Assert.True(handOff.TryWithdraw());
        var task = NewTask();

        await EnqueueAsync(task);

        Assert.False(handOff.Claimed.IsCompleted);
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(task.Id))?.Status);
    }

    [Fact]
    public async Task Work_of_another_tenant_or_another_type_is_not_handed_off()
    {
        var handOff = WaitForHandOff(WorkerA);

        await EnqueueForAsync(TenantB, NewTask());
        await EnqueueAsync(NewTask("sms.send"));
        Assert.False(handOff.Claimed.IsCompleted);

        var mine = NewTask();
        await EnqueueAsync(mine);
        Assert.Equal([mine.Id], (await AnswerOf(handOff)).Select(t => t.Id));
    }

    [Fact]
    public async Task Each_type_goes_to_the_claim_that_has_waited_longest_and_the_others_keep_waiting()
    {
        var first = WaitForHandOff(WorkerA);
        var second = WaitForHandOff(WorkerB);

        await EnqueueAsync(NewTask());

        Assert.Equal(WorkerA, Assert.Single(await AnswerOf(first)).ClaimedBy);
        Assert.False(second.Claimed.IsCompleted);
        Assert.True(second.TryWithdraw());
    }

    [Fact]
    public async Task A_claim_of_two_types_is_handed_off_once_by_the_work_of_either()
    {
        var handOff = WaitForHandOff(WorkerA, ["email.send", "sms.send"]);
        var sms = NewTask("sms.send");

        await EnqueueAsync(sms);
        Assert.Equal([sms.Id], (await AnswerOf(handOff)).Select(t => t.Id));

        var email = NewTask();
        await EnqueueAsync(email);
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(email.Id))?.Status);
        Assert.False(handOff.TryWithdraw());
    }

    [Fact]
    public async Task A_hand_off_claims_within_its_types_limits()
    {
        await Store.SetActivityTypeAsync(new SetActivityTypeParams(TenantA, "email.send", Now, Paused: true), CancellationToken.None);
        var handOff = WaitForHandOff(WorkerA);
        var task = NewTask();

        await EnqueueAsync(task);

        Assert.Empty(await AnswerOf(handOff));
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(task.Id))?.Status);
    }

    [Fact]
    public async Task A_claim_whose_caller_gave_up_is_answered_cancelled_and_claims_nothing()
    {
        using var gaveUp = new CancellationTokenSource();
        var handOff = WaitForHandOff(WorkerA, gaveUp: gaveUp.Token);
        await gaveUp.CancelAsync();
        var task = NewTask();

        await EnqueueAsync(task);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AnswerOf(handOff));
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(task.Id))?.Status);
    }

    /// <summary>The claim's answer; a batch that never took it fails the test rather than hanging it.</summary>
    private static Task<IReadOnlyList<DurqTask>> AnswerOf(IClaimHandOff handOff) => handOff.Claimed.WaitAsync(TimeSpan.FromSeconds(10));

    private IClaimHandOff WaitForHandOff(string workerId, string[]? activityTypes = null, CancellationToken gaveUp = default) =>
        Store.WaitForHandOff(new ClaimParams(TenantA, workerId, activityTypes ?? ["email.send"], 5, Now), () => HandOffTime, gaveUp);
}
