using System.Net;
using Durq.Server.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durq.Server.Tests;

/// <summary>
/// The worker protocol end to end over HTTP, on a fake clock: with the clock stopped, nothing but an in-process signal
/// can wake a waiting claim, and leases expire only when the test moves time.
/// </summary>
public sealed class WorkerProtocolTests() : ApiTest(new DurqApiFactory())
{
    private const string Type = "email.send";

    private Task<string> EnqueueAsync(string options = "{}", string input = "{\"to\":\"ada@example.com\"}") =>
        Client.EnqueueAsync($$"""{"activity_type":"{{Type}}","input":{{input}},"options":{{options}}}""");

    /// <summary>
    /// One reaper sweep. The reaper's own timer runs on the fake clock too and may sweep first when the test moves
    /// time; either way every expired lease is reclaimed once this returns, as both sweeps go through the one writer.
    /// </summary>
    private Task<int> ReclaimExpiredAsync() =>
        Factory.Services.GetServices<IHostedService>().OfType<LeaseReaper>().Single().ReclaimAllExpiredAsync(CancellationToken.None);

    [Fact]
    public async Task A_waiting_claim_is_woken_by_an_enqueue_not_by_polling()
    {
        await Client.RegisterAsync("w1", Type);
        var waiting = Client.ClaimAsync("w1", Type, waitMs: 30_000);
        Assert.False(waiting.IsCompleted);

        var id = await EnqueueAsync();
        // The fake clock never moves, so the claim's poll timer cannot fire: only the enqueue's signal can wake it.
        var claimed = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(id, Assert.Single(claimed).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_claim_without_wait_on_an_empty_queue_answers_at_once_with_nothing()
    {
        Assert.Empty(await Client.ClaimAsync("w1", Type));
    }

    [Fact]
    public async Task A_task_runs_from_claim_to_completed_with_its_result()
    {
        var id = await EnqueueAsync();
        var claimed = await Client.ClaimOneAsync("w1", Type);
        Assert.Equal(1, claimed.GetProperty("attempt").GetInt32());
        Assert.Equal("2026-11-29T12:00:30.000Z", claimed.GetProperty("lease_expires_at").GetString());
        Assert.Equal("2026-11-29T12:05:00.000Z", claimed.GetProperty("timeout_at").GetString());
        Assert.Equal("""{"to":"ada@example.com"}""", claimed.GetProperty("input").GetRawText());

        var whileClaimed = await Client.GetTaskAsync(id);
        Assert.Equal("claimed", whileClaimed.GetProperty("status").GetString());
        Assert.Equal("w1", whileClaimed.GetProperty("claimed_by").GetString());

        Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var heartbeat = await Client.ReportOkAsync(claimed, "heartbeat", ""","details":{"sent":3}""");
        Assert.Equal("2026-11-29T12:00:40.000Z", heartbeat.GetProperty("lease_expires_at").GetString());
        Assert.False(heartbeat.GetProperty("should_cancel").GetBoolean());

        var completed = await Client.ReportOkAsync(claimed, "complete", ""","result":{"message_id":"m-1"}""");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var task = await Client.GetTaskAsync(id);
        Assert.Equal("""{"message_id":"m-1"}""", task.GetProperty("result").GetRawText());
        Assert.Equal("2026-11-29T12:00:10.000Z", task.GetProperty("completed_at").GetString());
        Assert.False(task.TryGetProperty("claimed_by", out _));
    }

    [Fact]
    public async Task A_failure_retries_after_backoff_then_dies_and_the_dlq_brings_it_back()
    {
        var id = await EnqueueAsync("""{"max_attempts":2,"retry":{"initial_interval_ms":2000,"jitter":0}}""");

        var first = await Client.ClaimOneAsync("w1", Type);
        var retry = await Client.ReportOkAsync(first, "fail", ""","error":{"message":"SMTP 451","type":"SmtpException"}""");
        Assert.Equal("pending", retry.GetProperty("status").GetString());
        Assert.True(retry.GetProperty("will_retry").GetBoolean());
        Assert.Equal("2026-11-29T12:00:02.000Z", retry.GetProperty("next_visible_at").GetString());

        Assert.Empty(await Client.ClaimAsync("w1", Type));
        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var second = await Client.ClaimOneAsync("w1", Type);
        Assert.Equal(2, second.GetProperty("attempt").GetInt32());
        var dead = await Client.ReportOkAsync(second, "fail", ""","error":{"message":"SMTP 550"}""");
        Assert.Equal("dead", dead.GetProperty("status").GetString());
        Assert.False(dead.TryGetProperty("next_visible_at", out _));

        using var dlq = await Client.GetAsync($"{WorkerApi.Root}/dlq");
        var entry = Assert.Single((await dlq.ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        var errors = entry.GetProperty("errors");
        Assert.Equal("SmtpException", errors[0].GetProperty("type").GetString());
        Assert.Equal("error", errors[1].GetProperty("type").GetString());
        Assert.Equal("SMTP 550", entry.GetProperty("last_error").GetProperty("message").GetString());

        using var retried = await Client.PostEmptyAsync($"{WorkerApi.Root}/dlq/{id}/retry");
        var task = await retried.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("pending", task.GetProperty("status").GetString());
        Assert.Equal(0, task.GetProperty("attempt").GetInt32());
        Assert.Equal(1, task.GetProperty("requeue_count").GetInt32());
        Assert.Equal(id, (await Client.ClaimOneAsync("w1", Type)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Retrying_a_task_that_is_not_dead_is_not_dead()
    {
        var id = await EnqueueAsync();
        using var response = await Client.PostEmptyAsync($"{WorkerApi.Root}/dlq/{id}/retry");
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "not_dead");
    }

    [Fact]
    public async Task Every_dead_task_of_a_type_is_retried_in_one_call()
    {
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync("""{"max_attempts":1}""");
        }

        foreach (var claimed in await Client.ClaimAsync("w1", Type))
        {
            await Client.ReportOkAsync(claimed, "fail", ""","error":{"message":"no"}""");
        }

        using var response = await Client.PostAsync($"{WorkerApi.Root}/dlq/retry", Http.Json($$"""{"activity_type":"{{Type}}"}"""));
        Assert.Equal(3, (await response.ReadJsonAsync()).GetProperty("retried").GetInt32());
        Assert.Equal(3, (await Client.ClaimAsync("w1", Type)).Count);
    }

    [Fact]
    public async Task A_stale_lease_is_refused_and_changes_nothing()
    {
        var id = await EnqueueAsync();
        var stale = await Client.ClaimOneAsync("w1", Type);
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await ReclaimExpiredAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = await Client.ClaimOneAsync("w2", Type);
        Assert.Equal(2, fresh.GetProperty("attempt").GetInt32());

        foreach (var action in new[] { "heartbeat", "complete", "fail" })
        {
            using var refused = await Client.ReportAsync(stale, action, action == "fail" ? ""","error":{"message":"x"}""" : "");
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "lease_lost");
        }

        var task = await Client.GetTaskAsync(id);
        Assert.Equal("claimed", task.GetProperty("status").GetString());
        Assert.Equal("w2", task.GetProperty("claimed_by").GetString());
        Assert.Equal("lease_expired", task.GetProperty("errors")[0].GetProperty("type").GetString());
        await Client.ReportOkAsync(fresh, "complete");
    }

    [Fact]
    public async Task A_run_past_its_timeout_fails_with_type_timeout_even_while_heartbeating()
    {
        var id = await EnqueueAsync("""{"timeout_seconds":5,"heartbeat_timeout_seconds":3}""");
        var claimed = await Client.ClaimOneAsync("w1", Type);
        for (var beat = 0; beat < 2; beat++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(2));
            await Client.ReportOkAsync(claimed, "heartbeat");
        }

        // At 6 s the lease (renewed at 4 s for 3 s) is still live, but the 5 s timeout has passed.
        Factory.Clock.Advance(TimeSpan.FromSeconds(2));

        await ReclaimExpiredAsync();
        var task = await Client.GetTaskAsync(id);
        Assert.Equal("pending", task.GetProperty("status").GetString());
        Assert.Equal("timeout", task.GetProperty("last_error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Cancelling_a_claimed_task_tells_the_worker_and_ends_it_cancelled()
    {
        var id = await EnqueueAsync();
        var claimed = await Client.ClaimOneAsync("w1", Type);
        using (var cancel = await Client.PostEmptyAsync($"{Http.Tasks}/{id}/cancel"))
        {
            Assert.True((await cancel.ReadJsonAsync()).GetProperty("cancel_requested").GetBoolean());
        }

        Assert.True((await Client.ReportOkAsync(claimed, "heartbeat")).GetProperty("should_cancel").GetBoolean());
        var failed = await Client.ReportOkAsync(claimed, "fail", ""","error":{"message":"cancelled by request","type":"OperationCanceledException"}""");
        Assert.Equal("cancelled", failed.GetProperty("status").GetString());
        Assert.Equal("cancelled", (await Client.GetTaskAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_draining_worker_gets_no_tasks_until_resumed()
    {
        await Client.RegisterAsync("w1", Type);
        await EnqueueAsync();
        using (var drain = await Client.PostEmptyAsync($"{WorkerApi.Root}/workers/w1/drain"))
        {
            Assert.Equal("draining", (await drain.ReadJsonAsync()).GetProperty("status").GetString());
        }

        using (var heartbeat = await Client.PostAsync($"{WorkerApi.Root}/workers/w1/heartbeat", Http.Json("""{"current_load":0}""")))
        {
            Assert.True((await heartbeat.ReadJsonAsync()).GetProperty("draining").GetBoolean());
        }

        Assert.Empty(await Client.ClaimAsync("w1", Type));
        using (await Client.PostEmptyAsync($"{WorkerApi.Root}/workers/w1/resume"))
        {
        }

        Assert.Single(await Client.ClaimAsync("w1", Type));
    }

    [Fact]
    public async Task Deregistering_hands_the_workers_tasks_back_at_once()
    {
        await Client.RegisterAsync("w1", Type);
        var id = await EnqueueAsync();
        await Client.ClaimOneAsync("w1", Type);

        using (var response = await Client.DeleteEmptyAsync($"{WorkerApi.Root}/workers/w1"))
        {
            Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("released_tasks").GetInt32());
        }

        var again = await Client.ClaimOneAsync("w2", Type);
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.Equal(1, again.GetProperty("attempt").GetInt32());
        using var gone = await Client.DeleteEmptyAsync($"{WorkerApi.Root}/workers/w1");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_worker_list_and_health_show_capacity_load_and_silent_workers()
    {
        await Client.RegisterAsync("w1", Type, concurrency: 8);
        await Client.RegisterAsync("w2", Type, concurrency: 4);
        using (await Client.PostAsync($"{WorkerApi.Root}/workers/w1/heartbeat", Http.Json("""{"current_load":3}""")))
        {
        }

        await EnqueueAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(45));
        using (await Client.PostAsync($"{WorkerApi.Root}/workers/w2/heartbeat", Http.Json("""{"current_load":1}""")))
        {
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var workers = await Client.GetAsync($"{WorkerApi.Root}/workers");
        var list = await workers.ReadJsonAsync();
        var summary = list.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("active").GetInt32());
        Assert.Equal(1, summary.GetProperty("stopped").GetInt32());
        Assert.Equal(4, summary.GetProperty("total_capacity").GetInt32());
        Assert.Equal(1, summary.GetProperty("total_load").GetInt32());
        Assert.Equal("stopped", list.GetProperty("data")[0].GetProperty("status").GetString());

        using var health = await Client.GetAsync($"{WorkerApi.Root}/health");
        var gauges = await health.ReadJsonAsync();
        Assert.Equal("healthy", gauges.GetProperty("status").GetString());
        Assert.Equal(1, gauges.GetProperty("pending_tasks").GetInt64());
        Assert.Equal(1, gauges.GetProperty("workers").GetProperty("active").GetInt32());
        Assert.Equal(4, gauges.GetProperty("total_capacity").GetInt32());
    }

    [Fact]
    public async Task Health_is_degraded_with_work_and_no_worker_and_warns_of_dead_tasks()
    {
        await EnqueueAsync("""{"max_attempts":1}""");
        using (var health = await Client.GetAsync($"{WorkerApi.Root}/health"))
        {
            Assert.Equal("degraded", (await health.ReadJsonAsync()).GetProperty("status").GetString());
        }

        var claimed = await Client.ClaimOneAsync("w1", Type);
        await Client.ReportOkAsync(claimed, "fail", ""","error":{"message":"no"}""");
        using var after = await Client.GetAsync($"{WorkerApi.Root}/health");
        var gauges = await after.ReadJsonAsync();
        Assert.Equal("warning", gauges.GetProperty("status").GetString());
        Assert.Equal(1, gauges.GetProperty("dlq_size").GetInt64());
        Assert.Equal(1, gauges.GetProperty("failed_attempts").GetInt64());
        Assert.Equal(1, gauges.GetProperty("started_tasks").GetInt64());
    }

    [Theory]
    [InlineData("""{"worker_id":"w","activity_types":["a"],"max_tasks":0}""", "max_tasks")]
    [InlineData("""{"worker_id":"w","activity_types":["a"],"max_tasks":501}""", "max_tasks")]
    [InlineData("""{"worker_id":"w","activity_types":["a"],"wait_ms":30001}""", "wait_ms")]
    [InlineData("""{"worker_id":"w","activity_types":[]}""", "activity_types")]
    [InlineData("""{"worker_id":"w","activity_types":["bad type"]}""", "activity_types[0]")]
    [InlineData("""{"worker_id":"","activity_types":["a"]}""", "worker_id")]
    [InlineData("""{"activity_types":["a"]}""", "worker_id")]
    [InlineData("""{"worker_id":"w","activity_types":["a"],"max_tasks":"ten"}""", "max_tasks")]
    public async Task A_bad_claim_names_the_bad_field(string body, string field)
    {
        using var response = await Client.PostJsonAsync($"{WorkerApi.Root}/tasks/claim", body);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains(field, problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Reports_with_a_malformed_lease_or_for_a_missing_task_are_refused_clearly()
    {
        var id = await EnqueueAsync();
        await Client.ClaimOneAsync("w1", Type);
        using var badLease = await Client.PostJsonAsync($"{Http.Tasks}/{id}/complete", """{"lease_id":"nope"}""");
        await badLease.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        using var missing = await Client.PostJsonAsync($"{Http.Tasks}/{Guid.CreateVersion7()}/complete", $$"""{"lease_id":"{{Guid.CreateVersion7()}}"}""");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var noError = await Client.PostJsonAsync($"{Http.Tasks}/{id}/fail", $$"""{"lease_id":"{{Guid.CreateVersion7()}}"}""");
        await noError.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task Retention_deletes_finished_tasks_after_their_time_and_keeps_the_rest()
    {
        var done = await EnqueueAsync();
        var waiting = await EnqueueAsync("""{"delay_seconds":100}""");
        await Client.ReportOkAsync(await Client.ClaimOneAsync("w1", Type), "complete");

        var retention = Factory.Services.GetServices<IHostedService>().OfType<RetentionService>().Single();
        Factory.Clock.Advance(TimeSpan.FromDays(6));
        await retention.PurgeAllExpiredAsync(CancellationToken.None);
        Assert.Equal("completed", (await Client.GetTaskAsync(done)).GetProperty("status").GetString());
        Factory.Clock.Advance(TimeSpan.FromDays(1.5));
        await retention.PurgeAllExpiredAsync(CancellationToken.None);

        using var gone = await Client.GetAsync($"{Http.Tasks}/{done}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("pending", (await Client.GetTaskAsync(waiting)).GetProperty("status").GetString());
    }
}
