using System.Text.Json;
using Durq.Contracts;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// A worker's failure report: back to pending after <c>delay(n) = min(initial·coeff^(n−1), max) ± jitter</c> while attempts
/// are left; dead when none are, when the error is not retryable, or its type is listed as such; cancelled when asked.
/// </summary>
public abstract class FailTests : StoreTests
{
    [Fact]
    public async Task A_failure_with_attempts_left_goes_back_to_pending_after_the_first_delay()
    {
        var claimed = await EnqueueAndClaimAsync();
        var failTime = Now.AddSeconds(4);

        var decision = await FailAsync(claimed, "smtp.timeout", "The mail server did not answer.", at: failTime);

        var retryAt = failTime.AddSeconds(1);
        Assert.Equal(DurqTaskStatus.Pending, decision.Status);
        Assert.True(decision.WillRetry);
        Assert.Equal(retryAt, decision.NextVisibleAt);
        var stored = await GetAsync(claimed.Id);
        Assert.NotNull(stored);
        Assert.Equal(DurqTaskStatus.Pending, stored.Status);
        Assert.Equal(1, stored.Attempt);
        Assert.Equal(retryAt, stored.VisibleAt);
        Assert.Equal(failTime, stored.UpdatedAt);
        Assert.Null(stored.CompletedAt);
        AssertNoLease(stored);
        var error = new TaskErrorResource(1, "smtp.timeout", "The mail server did not answer.", failTime);
        Assert.Equal([error], ErrorsOf(stored));
        Assert.Equal(error, LastErrorOf(stored));
    }

    [Fact]
    public async Task The_error_history_is_stored_as_json_objects_with_attempt_type_message_and_time()
    {
        var claimed = await EnqueueAndClaimAsync();

        await FailAsync(claimed, "io", "Disk full.", at: Now.AddSeconds(1));

        var stored = await GetAsync(claimed.Id);
        using var errors = JsonDocument.Parse(stored?.ErrorsJson ?? "null");
        var entry = Assert.Single(errors.RootElement.EnumerateArray());
        Assert.Equal(1, entry.GetProperty("attempt").GetInt32());
        Assert.Equal("io", entry.GetProperty("type").GetString());
        Assert.Equal("Disk full.", entry.GetProperty("message").GetString());
        Assert.Equal(Now.AddSeconds(1), entry.GetProperty("at").GetDateTimeOffset());
        using var lastError = JsonDocument.Parse(stored?.LastErrorJson ?? "null");
        Assert.Equal("Disk full.", lastError.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_retry_delay_grows_by_the_coefficient_up_to_the_maximum()
    {
        var retry = new RetryPolicy(1000, 3.0, 20_000, 0.1, []);
        var task = NewTask(options: DefaultOptions with { MaxAttempts = 6, Retry = retry });
        await EnqueueAsync(task);
        var time = Now;

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var claimed = await ClaimOneAsync(at: time);
            Assert.Equal(attempt, claimed.Attempt);
            var failTime = time.AddSeconds(2);
            var decision = await FailAsync(claimed, at: failTime);

            // delay(n) = min(initial·coeff^(n−1), max): 1 s, 3 s, 9 s, then 27 s capped to 20 s, twice.
            var delayMs = Math.Min(1000 * Math.Pow(3.0, attempt - 1), 20_000);
            Assert.Equal(failTime.AddMilliseconds(delayMs), decision.NextVisibleAt);
            Assert.Empty(await ClaimAsync(at: decision.NextVisibleAt!.Value.AddMilliseconds(-1)));
            time = decision.NextVisibleAt.Value;
        }

        var last = await ClaimOneAsync(at: time);
        var final = await FailAsync(last, at: time.AddSeconds(2));

        Assert.Equal(6, last.Attempt);
        Assert.Equal(DurqTaskStatus.Dead, final.Status);
        Assert.Equal([1, 2, 3, 4, 5, 6], ErrorsOf(await GetAsync(task.Id)).Select(e => e.Attempt));
    }

    [Theory]
    [InlineData(0.0, 900)]
    [InlineData(0.25, 950)]
    [InlineData(0.5, 1000)]
    [InlineData(0.75, 1050)]
    public async Task The_jitter_draw_moves_the_delay_by_up_to_jitter_times_delay(double jitterDraw, int expectedDelayMs)
    {
        var claimed = await EnqueueAndClaimAsync();

        var decision = await FailAsync(claimed, at: Now.AddSeconds(1), jitterDraw: jitterDraw);

        Assert.Equal(Now.AddSeconds(1).AddMilliseconds(expectedDelayMs), decision.NextVisibleAt);
        Assert.Equal(decision.NextVisibleAt, (await GetAsync(claimed.Id))?.VisibleAt);
    }

    [Fact]
    public async Task Every_failed_attempt_is_kept_in_order_and_the_last_is_the_last_error()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        var expected = new List<TaskErrorResource>();
        var time = Now;

        foreach (var (type, message) in new[] { ("io", "Disk full."), ("net", "Reset by peer."), ("io", "Disk still full.") })
        {
            var claimed = await ClaimOneAsync(at: time);
            var failTime = time.AddSeconds(1);
            var decision = await FailAsync(claimed, type, message, at: failTime);
            expected.Add(new(claimed.Attempt, type, message, failTime));
            time = decision.NextVisibleAt!.Value;
        }

        var stored = await GetAsync(task.Id);
        Assert.Equal(expected, ErrorsOf(stored));
        Assert.Equal(expected[^1], LastErrorOf(stored));
        Assert.Equal(3, stored?.Attempt);
    }

    [Fact]
    public async Task A_retried_task_keeps_its_id_and_input_and_is_claimed_with_its_next_attempt_and_a_new_lease()
    {
        var task = NewTask(inputJson: "{\"to\":\"a@example.com\"}");
        await EnqueueAsync(task);
        var first = await ClaimOneAsync(workerId: WorkerA);
        var decision = await FailAsync(first, at: Now.AddSeconds(1));

        var second = await ClaimOneAsync(at: decision.NextVisibleAt, workerId: WorkerB);

        Assert.Equal(task.Id, second.Id);
        Assert.Equal("{\"to\":\"a@example.com\"}", second.InputJson);
        Assert.Equal(2, second.Attempt);
        Assert.Equal(WorkerB, second.ClaimedBy);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        Assert.Equal(decision.NextVisibleAt!.Value.AddSeconds(30), second.LeaseExpiresAt);
    }

    [Fact]
    public async Task A_failure_of_the_last_attempt_is_dead()
    {
        var task = NewTask(options: DefaultOptions with { MaxAttempts = 2 });
        await EnqueueAsync(task);
        var first = await ClaimOneAsync();
        var retry = await FailAsync(first, at: Now.AddSeconds(1));
        var second = await ClaimOneAsync(at: retry.NextVisibleAt);

        var decision = await FailAsync(second, "io", "Gave up.", at: retry.NextVisibleAt!.Value.AddSeconds(1));

        Assert.Equal(DurqTaskStatus.Dead, decision.Status);
        Assert.False(decision.WillRetry);
        Assert.Null(decision.NextVisibleAt);
        var stored = await GetAsync(task.Id);
        Assert.Equal(DurqTaskStatus.Dead, stored?.Status);
        Assert.Equal(2, stored?.Attempt);
        AssertNoLease(stored);
        Assert.Equal(2, ErrorsOf(stored).Count);
        Assert.Equal("Gave up.", LastErrorOf(stored)?.Message);
        Assert.Empty(await ClaimAsync(at: Now.AddDays(1)));
    }

    [Fact]
    public async Task A_single_attempt_task_is_dead_after_its_first_failure()
    {
        var claimed = await EnqueueAndClaimAsync(DefaultOptions with { MaxAttempts = 1 });

        var decision = await FailAsync(claimed);

        Assert.Equal(DurqTaskStatus.Dead, decision.Status);
        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(claimed.Id))?.Status);
    }

    [Fact]
    public async Task A_failure_marked_not_retryable_is_dead_with_attempts_left()
    {
        var claimed = await EnqueueAndClaimAsync();

        var decision = await FailAsync(claimed, "validation", "The address is malformed.", retryable: false, at: Now.AddSeconds(1));

        Assert.Equal(DurqTaskStatus.Dead, decision.Status);
        Assert.Null(decision.NextVisibleAt);
        var stored = await GetAsync(claimed.Id);
        Assert.Equal(DurqTaskStatus.Dead, stored?.Status);
        Assert.Equal([new(1, "validation", "The address is malformed.", Now.AddSeconds(1))], ErrorsOf(stored));
    }

    [Theory]
    [InlineData("fatal", DurqTaskStatus.Dead)]
    [InlineData("bad_input", DurqTaskStatus.Dead)]
    [InlineData("Fatal", DurqTaskStatus.Pending)]
    [InlineData("fatal.io", DurqTaskStatus.Pending)]
    [InlineData("transient", DurqTaskStatus.Pending)]
    public async Task An_error_type_listed_as_non_retryable_is_dead_and_others_retry(string errorType, DurqTaskStatus expected)
    {
        var retry = RetryPolicy.Default with { NonRetryableErrorTypes = ["fatal", "bad_input"] };
        var claimed = await EnqueueAndClaimAsync(DefaultOptions with { Retry = retry });

        var decision = await FailAsync(claimed, errorType);

        Assert.Equal(expected, decision.Status);
        Assert.Equal(expected, (await GetAsync(claimed.Id))?.Status);
    }

    [Fact]
    public async Task A_failure_after_a_cancel_request_ends_cancelled()
    {
        var claimed = await EnqueueAndClaimAsync();
        await CancelAsync(claimed.Id, at: Now.AddSeconds(1));

        var decision = await FailAsync(claimed, "stopped", "Cancelled by request.", at: Now.AddSeconds(2));

        Assert.Equal(DurqTaskStatus.Cancelled, decision.Status);
        Assert.False(decision.WillRetry);
        Assert.Null(decision.NextVisibleAt);
        var stored = await GetAsync(claimed.Id);
        Assert.Equal(DurqTaskStatus.Cancelled, stored?.Status);
        AssertNoLease(stored);
        Assert.Equal([new(1, "stopped", "Cancelled by request.", Now.AddSeconds(2))], ErrorsOf(stored));
        Assert.Empty(await ClaimAsync(at: Now.AddDays(1)));
    }

    [Fact]
    public async Task A_cancel_request_wins_over_a_non_retryable_error()
    {
        var claimed = await EnqueueAndClaimAsync();
        await CancelAsync(claimed.Id);

        var decision = await FailAsync(claimed, retryable: false);

        Assert.Equal(DurqTaskStatus.Cancelled, decision.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_failure_without_an_error_type_is_recorded_as_error(string? errorType)
    {
        var claimed = await EnqueueAndClaimAsync();

        await FailAsync(claimed, errorType, "Something went wrong.");

        var stored = await GetAsync(claimed.Id);
        Assert.Equal(TaskError.DefaultType, Assert.Single(ErrorsOf(stored)).Type);
        Assert.Equal("error", LastErrorOf(stored)?.Type);
    }

    [Fact]
    public async Task An_overlong_message_and_type_are_cut_to_their_limits()
    {
        var claimed = await EnqueueAndClaimAsync();
        var message = new string('m', TaskError.MaxMessageLength + 100);
        var type = new string('t', TaskError.MaxTypeLength + 5);

        await FailAsync(claimed, type, message);

        var error = Assert.Single(ErrorsOf(await GetAsync(claimed.Id)));
        Assert.Equal(message[..TaskError.MaxMessageLength], error.Message);
        Assert.Equal(type[..TaskError.MaxTypeLength], error.Type);
    }

    [Fact]
    public async Task A_message_with_quotes_newlines_and_unicode_comes_back_as_written()
    {
        const string message = "Line 1: \"quoted\" \\ back\nLine 2: h\u00e9llo \U0001F680 <tag> & 'single'";
        var claimed = await EnqueueAndClaimAsync();

        await FailAsync(claimed, "odd", message);

        Assert.Equal(message, Assert.Single(ErrorsOf(await GetAsync(claimed.Id))).Message);
    }

    private async Task<DurqTask> EnqueueAndClaimAsync(TaskOptions? options = null)
    {
        await EnqueueAsync(NewTask(options: options));
        return await ClaimOneAsync();
    }
}
