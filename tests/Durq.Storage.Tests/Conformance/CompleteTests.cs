using Durq.Core.Errors;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Completing: claimed → completed under the live lease, keeping the worker's result as sent.</summary>
public abstract class CompleteTests : StoreTests
{
    /// <summary>Odd whitespace, escapes, astral and combining characters: must come back byte for byte.</summary>
    private const string OddResult =
        "{ \"text\" :\t\"h\u00e9llo \\u00e9 \u2713 \U0001F680 e\u0301\",\r\n  \"n\": [1,  2.50 , -0e0, 1E+2],\"esc\":\"\\\"\\\\\\/\\u0000\" }\n";

    [Fact]
    public async Task Completing_stores_the_result_verbatim_and_clears_the_lease()
    {
        var claimed = await EnqueueAndClaimAsync();
        var completeTime = Now.AddSeconds(7);

        var completed = await CompleteAsync(claimed, OddResult, completeTime);

        Assert.Equal(claimed.Id, completed.Id);
        Assert.Equal(DurqTaskStatus.Completed, completed.Status);
        Assert.Equal(OddResult, completed.ResultJson);
        Assert.Equal(completeTime, completed.CompletedAt);
        Assert.Equal(completeTime, completed.UpdatedAt);
        Assert.Equal(1, completed.Attempt);
        AssertNoLease(completed);
        AssertSameTask(completed, await GetAsync(claimed.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"done\"")]
    [InlineData("-12.50e+3")]
    [InlineData("false")]
    public async Task A_result_of_any_json_kind_or_none_is_kept(string? resultJson)
    {
        var claimed = await EnqueueAndClaimAsync();

        await CompleteAsync(claimed, resultJson);

        var stored = await GetAsync(claimed.Id);
        Assert.Equal(DurqTaskStatus.Completed, stored?.Status);
        Assert.Equal(resultJson, stored?.ResultJson);
    }

    [Fact]
    public async Task A_completion_wins_over_a_cancel_request()
    {
        var claimed = await EnqueueAndClaimAsync();
        await CancelAsync(claimed.Id, at: Now.AddSeconds(1));

        var completed = await CompleteAsync(claimed, "{\"ok\":true}", Now.AddSeconds(2));

        Assert.Equal(DurqTaskStatus.Completed, completed.Status);
        Assert.Equal("{\"ok\":true}", completed.ResultJson);
        Assert.Equal(DurqTaskStatus.Completed, (await GetAsync(claimed.Id))?.Status);
    }

    [Fact]
    public async Task A_completed_task_keeps_its_earlier_errors()
    {
        await EnqueueAsync(NewTask());
        var first = await ClaimOneAsync();
        var decision = await FailAsync(first, "flaky", "Try again.", at: Now.AddSeconds(1));
        var second = await ClaimOneAsync(at: decision.NextVisibleAt);

        var completed = await CompleteAsync(second, at: decision.NextVisibleAt!.Value.AddSeconds(1));

        Assert.Equal(2, completed.Attempt);
        Assert.Equal([new(1, "flaky", "Try again.", Now.AddSeconds(1))], ErrorsOf(completed));
    }

    [Fact]
    public async Task A_completed_task_is_not_claimed_again_and_cannot_be_cancelled()
    {
        var claimed = await EnqueueAndClaimAsync();
        await CompleteAsync(claimed);

        Assert.Empty(await ClaimAsync(at: Now.AddHours(1)));
        Assert.Empty(await ReclaimAsync(Now.AddHours(1)));
        await Assert.ThrowsAsync<NotCancellableException>(() => CancelAsync(claimed.Id, at: Now.AddHours(1)));
        Assert.Equal(DurqTaskStatus.Completed, (await GetAsync(claimed.Id))?.Status);
    }

    [Fact]
    public async Task Completing_one_task_leaves_the_others_claimed()
    {
        await EnqueueAsync(NewTasks(3));
        var claimed = await ClaimAsync(3);

        await CompleteAsync(claimed[1]);

        AssertSameTask(claimed[0], await GetAsync(claimed[0].Id));
        AssertSameTask(claimed[2], await GetAsync(claimed[2].Id));
    }

    private async Task<DurqTask> EnqueueAndClaimAsync()
    {
        await EnqueueAsync(NewTask());
        return await ClaimOneAsync();
    }
}
