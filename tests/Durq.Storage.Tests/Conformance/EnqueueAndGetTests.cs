using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>What goes in comes back out: every field and option of an enqueued task.</summary>
public abstract class EnqueueAndGetTests : StoreTests
{
    private const string Traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /// <summary>Odd whitespace, escapes, astral and combining characters: must come back byte for byte.</summary>
    private const string OddInput =
        "{ \"text\" :\t\"h\u00e9llo \\u00e9 \u2713 \U0001F680 e\u0301\",\r\n  \"n\": [1,  2.50 , -0e0, 1E+2],\"esc\":\"\\\"\\\\\\/\\ud83d\\ude80\\u0000\" }\n";

    [Fact]
    public async Task Enqueued_task_reads_back_with_every_field_and_option()
    {
        var options = new TaskOptions(
            7, -12, 2.5, Now.AddSeconds(2.5), 120, 15, new RetryPolicy(250, 1.5, 9000, 0.25, ["fatal", "bad_input"]));
        var task = NewTask("billing/invoice:render", OddInput, options: options, traceparent: Traceparent);

        await EnqueueWithKeyAsync("key-1", "fingerprint-1", task);
        var stored = await GetAsync(task.Id);

        Assert.NotNull(stored);
        Assert.Equal(task.Id, stored.Id);
        Assert.Equal(TenantA, stored.Tenant);
        Assert.Equal("billing/invoice:render", stored.ActivityType);
        Assert.Equal(OddInput, stored.InputJson);
        Assert.Equal(DurqTaskStatus.Pending, stored.Status);
        Assert.Equal(-12, stored.Priority);
        Assert.Equal(0, stored.Attempt);
        Assert.Equal(7, stored.MaxAttempts);
        AssertSameOptions(options, stored.Options);
        Assert.Equal(Now, stored.CreatedAt);
        Assert.Equal(Now, stored.UpdatedAt);
        Assert.Equal(Now.AddSeconds(2.5), stored.VisibleAt);
        Assert.Equal("key-1", stored.IdempotencyKey);
        Assert.Equal(Traceparent, stored.Traceparent);
    }

    [Fact]
    public async Task New_task_has_no_claim_result_errors_or_cancel_yet()
    {
        var task = NewTask();

        await EnqueueAsync(task);
        var stored = await GetAsync(task.Id);

        Assert.NotNull(stored);
        Assert.Null(stored.ClaimedBy);
        Assert.Null(stored.ClaimedAt);
        Assert.Null(stored.LeaseId);
        Assert.Null(stored.LeaseExpiresAt);
        Assert.Null(stored.CompletedAt);
        Assert.Null(stored.ResultJson);
        Assert.Null(stored.LastErrorJson);
        Assert.Null(stored.ErrorsJson);
        Assert.False(stored.CancelRequested);
        Assert.Equal(0, stored.RequeueCount);
        Assert.Null(stored.IdempotencyKey);
        Assert.Null(stored.Traceparent);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("-12.50e+3")]
    [InlineData("true")]
    [InlineData("{\"deep\":{\"deeper\":[{\"deepest\":null}]}}")]
    public async Task Input_of_every_json_kind_is_kept_as_sent(string inputJson)
    {
        var task = NewTask(inputJson: inputJson);

        await EnqueueAsync(task);

        Assert.Equal(inputJson, (await GetAsync(task.Id))?.InputJson);
    }

    [Fact]
    public async Task Run_at_in_the_past_is_kept_as_the_visible_time()
    {
        var past = Now.AddDays(-3);
        var task = NewTask(options: DefaultOptions with { RunAt = past });

        await EnqueueAsync(task);

        Assert.Equal(past, (await GetAsync(task.Id))?.VisibleAt);
    }

    [Fact]
    public async Task Enqueue_answers_the_new_id_and_is_not_a_replay()
    {
        var task = NewTask();

        var result = await EnqueueAsync(task);

        Assert.Equal([task.Id], result.TaskIds);
        Assert.False(result.Replayed);
    }

    [Fact]
    public async Task Batch_stores_every_task_and_answers_the_ids_in_request_order()
    {
        var tasks = new[]
        {
            NewTask("c.third", "3", Now.AddMilliseconds(30)),
            NewTask("a.first", "1", Now.AddMilliseconds(10)),
            NewTask("b.second", "2", Now.AddMilliseconds(20)),
        };

        var result = await EnqueueAsync(tasks);

        Assert.Equal(tasks.Select(t => t.Id), result.TaskIds);
        foreach (var task in tasks)
        {
            var stored = await GetAsync(task.Id);
            Assert.Equal(task.ActivityType, stored?.ActivityType);
            Assert.Equal(task.InputJson, stored?.InputJson);
        }
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_null()
    {
        await EnqueueAsync(NewTask());

        Assert.Null(await GetAsync(Guid.CreateVersion7(Now)));
    }
}
