using System.Text.Json;
using Durq.Contracts;


namespace Durq.Client.Tests;

/// <summary>Every <see cref="DurqClient"/> method against a real Durq node in memory.</summary>
public sealed class DurqClientTests : IAsyncLifetime
{
    private const string Type = "email.send";
    private const string OtherLeaseId = "0193b5a0-0000-7000-8000-00000000ffff";

    private readonly DurqApiFactory _node = new(new() { ["Queue:MaxPending"] = "5" });
    private DurqClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _node.CreateDurqClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private Task<string> EnqueueAsync(TaskOptionsContract? options = null) =>
        _client.EnqueueAsync(Type, DurqPayload.Serialize(new EmailInput("ada@example.com"), TestJson.Default.EmailInput), options);

    private async Task<ClaimedTaskResource> ClaimOneAsync(string workerId = "w1") =>
        Assert.Single(await _client.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = workerId, ActivityTypes = [Type], MaxTasks = 1, WaitMs = 0 }));

    private static IReadOnlyList<TaskErrorResource> Errors(TaskResource task) =>
        JsonSerializer.Deserialize(task.Errors!.Value.Json, DurqJson.Context.IReadOnlyListTaskErrorResource)!;

    [Fact]
    public async Task An_enqueued_task_reads_back_with_its_input_and_options()
    {
        var id = await EnqueueAsync(new TaskOptionsContract { MaxAttempts = 3, Priority = 10 });

        var task = await _client.GetTaskAsync(id);

        Assert.Equal(id, task.Id);
        Assert.Equal("pending", task.Status);
        Assert.Equal(new EmailInput("ada@example.com"), DurqPayload.Deserialize(task.Input!.Value, TestJson.Default.EmailInput));
        Assert.Equal(3, task.MaxAttempts);
        Assert.Equal(10, task.Priority);
        Assert.Equal(30, task.Options.HeartbeatTimeoutSeconds);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_first_task()
    {
        var input = new RawJson("""{"order":42}""");
        var first = await _client.EnqueueAsync(Type, input, idempotencyKey: "order-42");
        var again = await _client.EnqueueAsync(Type, input, idempotencyKey: "order-42");
        Assert.Equal(first, again);

        var reused = await Assert.ThrowsAsync<DurqProblemException>(() => _client.EnqueueAsync(Type, new RawJson("1"), idempotencyKey: "order-42"));
        Assert.Equal("idempotency_key_reused", reused.Code);
        Assert.Equal($"/api/v1/durable/tasks/{first}", Assert.Single(reused.Problem.AllowedActions!).Href);
    }

    [Fact]
    public async Task A_batch_returns_ids_in_order_and_the_list_pages_through_them_newest_first()
    {
        var ids = await _client.EnqueueBatchAsync(
            [.. Enumerable.Range(0, 5).Select(i => new EnqueueTaskRequest(i % 2 == 0 ? Type : "sms.send", new RawJson($"{i}")))]);
        Assert.Equal(5, ids.Count);

        var first = await _client.ListTasksAsync(limit: 3);
        var second = await _client.ListTasksAsync(limit: 3, cursor: first.NextCursor);
        Assert.Null(second.NextCursor);
        Assert.Equal(ids.Reverse(), first.Data.Concat(second.Data).Select(t => t.Id));

        var emails = await _client.ListTasksAsync(status: "pending", activityType: Type);
        Assert.Equal([ids[4], ids[2], ids[0]], emails.Data.Select(t => t.Id));
    }

    [Fact]
    public async Task Cancelling_a_pending_task_ends_it_and_a_second_cancel_is_refused()
    {
        var id = await EnqueueAsync();

        Assert.Equal("cancelled", (await _client.CancelTaskAsync(id)).Status);
        var again = await Assert.ThrowsAsync<DurqProblemException>(() => _client.CancelTaskAsync(id));
        Assert.Equal((409, "not_cancellable"), (again.Status, again.Code));
    }

    [Fact]
    public async Task Problems_of_the_server_arrive_as_DurqProblemException()
    {
        var missing = await Assert.ThrowsAsync<DurqProblemException>(() => _client.GetTaskAsync("0193b5a0-0000-7000-8000-000000000001"));
        Assert.Equal((404, "not_found"), (missing.Status, missing.Code));

        var malformed = await Assert.ThrowsAsync<DurqProblemException>(() => _client.GetTaskAsync("not-an-id"));
        Assert.Equal((400, "invalid_id"), (malformed.Status, malformed.Code));

        var invalid = await Assert.ThrowsAsync<DurqProblemException>(() => _client.EnqueueAsync("", new RawJson("1"), new TaskOptionsContract { MaxAttempts = 0 }));
        Assert.Equal((422, "validation_failed"), (invalid.Status, invalid.Code));
        Assert.Equal(["activity_type", "options.max_attempts"], invalid.Problem.Errors!.Select(e => e.Field).Order());

        var badQuery = await Assert.ThrowsAsync<DurqProblemException>(() => _client.ListTasksAsync(status: "sleeping"));
        Assert.Equal((400, "invalid_query"), (badQuery.Status, badQuery.Code));
    }

    [Fact]
    public async Task A_full_queue_says_when_to_retry()
    {
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync();
        }

        var full = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync());

        Assert.Equal((429, "queue_full"), (full.Status, full.Code));
        Assert.Equal(TimeSpan.FromSeconds(5), full.RetryAfter);
    }

    [Fact]
    public async Task A_worker_registers_claims_heartbeats_and_completes()
    {
        var registered = await _client.RegisterWorkerAsync("w1", new RegisterWorkerRequest
        {
            ActivityTypes = [Type],
            MaxConcurrency = 4,
            WorkerGroup = "mail",
            Hostname = "host-1",
            Version = "1.2.3",
        });
        Assert.Equal(("active", 4, "mail", "1.2.3"), (registered.Status, registered.MaxConcurrency, registered.WorkerGroup, registered.Version));
        var id = await EnqueueAsync();

        var claimed = await ClaimOneAsync();
        Assert.Equal((id, 1), (claimed.Id, claimed.Attempt));
        Assert.Equal(_node.Clock.GetUtcNow().AddSeconds(30), claimed.LeaseExpiresAt);

        _node.Clock.Advance(TimeSpan.FromSeconds(10));
        var beat = await _client.HeartbeatTaskAsync(id, claimed.LeaseId, new RawJson("""{"sent":1}"""));
        Assert.Equal((_node.Clock.GetUtcNow().AddSeconds(30), false), (beat.LeaseExpiresAt, beat.ShouldCancel));
        Assert.False((await _client.HeartbeatWorkerAsync("w1", 1)).Draining);

        var completed = await _client.CompleteTaskAsync(id, claimed.LeaseId, new RawJson("""{"message_id":"m-1"}"""));
        Assert.Equal("completed", completed.Status);
        Assert.Equal("""{"message_id":"m-1"}""", (await _client.GetTaskAsync(id)).Result!.Value.Json);
    }

    [Fact]
    public async Task A_report_under_someone_elses_lease_is_lease_lost()
    {
        var id = await EnqueueAsync();
        await ClaimOneAsync();

        var lost = await Assert.ThrowsAsync<DurqProblemException>(() => _client.CompleteTaskAsync(id, OtherLeaseId));

        Assert.Equal((409, "lease_lost"), (lost.Status, lost.Code));
    }

    [Fact]
    public async Task A_cancel_request_reaches_the_worker_through_its_heartbeat()
    {
        var id = await EnqueueAsync();
        var claimed = await ClaimOneAsync();

        Assert.True((await _client.CancelTaskAsync(id)).CancelRequested);
        Assert.True((await _client.HeartbeatTaskAsync(id, claimed.LeaseId)).ShouldCancel);
        var failed = await _client.FailTaskAsync(id, claimed.LeaseId, new TaskErrorInput("stopped", "OperationCanceledException"));
        Assert.Equal("cancelled", failed.Status);
    }

    [Fact]
    public async Task Failures_retry_then_die_and_the_dead_letter_queue_brings_tasks_back()
    {
        var retried = await EnqueueAsync(new TaskOptionsContract { MaxAttempts = 2 });
        var first = await ClaimOneAsync();
        var retry = await _client.FailTaskAsync(retried, first.LeaseId, new TaskErrorInput("SMTP 451", "SmtpException"));
        Assert.Equal(("pending", true), (retry.Status, retry.WillRetry));
        Assert.NotNull(retry.NextVisibleAt);

        var dead = await EnqueueAsync();
        var claimed = await ClaimOneAsync();
        var died = await _client.FailTaskAsync(dead, claimed.LeaseId, new TaskErrorInput("bad address", "ArgumentException"), retryable: false);
        Assert.Equal(("dead", false, (DateTimeOffset?)null), (died.Status, died.WillRetry, died.NextVisibleAt));

        var dlq = await _client.ListDeadTasksAsync(activityType: Type);
        var listed = Assert.Single(dlq.Data);
        Assert.Equal(dead, listed.Id);
        Assert.Equal(("ArgumentException", "bad address"), (Errors(listed)[0].Type, Errors(listed)[0].Message));

        var back = await _client.RetryDeadTaskAsync(dead);
        Assert.Equal(("pending", 0, 1), (back.Status, back.Attempt, back.RequeueCount));
        var notDead = await Assert.ThrowsAsync<DurqProblemException>(() => _client.RetryDeadTaskAsync(dead));
        Assert.Equal((409, "not_dead"), (notDead.Status, notDead.Code));
        Assert.Equal(0, (await _client.RetryDeadTasksAsync(new RetryDeadTasksRequest { ActivityType = Type })).Retried);
    }

    [Fact]
    public async Task Every_dead_task_can_be_retried_at_once()
    {
        foreach (var type in new[] { Type, "sms.send" })
        {
            await _client.EnqueueAsync(type, new RawJson("1"));
            var claimed = Assert.Single(await _client.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = "w1", ActivityTypes = [type], MaxTasks = 1 }));
            await _client.FailTaskAsync(claimed.Id, claimed.LeaseId, new TaskErrorInput("no"), retryable: false);
        }

        Assert.Equal(1, (await _client.RetryDeadTasksAsync(new RetryDeadTasksRequest { ActivityType = "sms.send" })).Retried);
        Assert.Equal(1, (await _client.RetryDeadTasksAsync(new RetryDeadTasksRequest { All = true })).Retried);
        Assert.Empty((await _client.ListDeadTasksAsync()).Data);
    }

    [Fact]
    public async Task Workers_are_listed_a_page_at_a_time_with_a_summary_of_all()
    {
        foreach (var id in new[] { "w3", "w1", "w2" })
        {
            await _client.RegisterWorkerAsync(id, new RegisterWorkerRequest { ActivityTypes = [Type], MaxConcurrency = 2 });
        }

        var first = await _client.ListWorkersAsync(limit: 2);
        var second = await _client.ListWorkersAsync(limit: 2, cursor: first.NextCursor);

        Assert.Equal(["w1", "w2"], first.Data.Select(w => w.Id));
        Assert.Equal(["w3"], second.Data.Select(w => w.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(new WorkerSummary(Active: 3, Draining: 0, Stopped: 0, TotalCapacity: 6, TotalLoad: 0), first.Summary);
    }

    [Fact]
    public async Task Workers_are_listed_drained_resumed_and_deregistered()
    {
        await _client.RegisterWorkerAsync("w1", new RegisterWorkerRequest { ActivityTypes = [Type], MaxConcurrency = 4 });
        await _client.RegisterWorkerAsync("w2", new RegisterWorkerRequest { ActivityTypes = [Type], MaxConcurrency = 2 });
        await EnqueueAsync();
        await ClaimOneAsync("w2");

        var drained = await _client.DrainWorkerAsync("w1");
        Assert.Equal(("draining", true), (drained.Status, drained.Draining));
        Assert.True((await _client.HeartbeatWorkerAsync("w1", 0)).Draining);
        var workers = await _client.ListWorkersAsync();
        Assert.Equal(["w1", "w2"], workers.Data.Select(w => w.Id).Order());
        Assert.Equal(new WorkerSummary(Active: 1, Draining: 1, Stopped: 0, TotalCapacity: 2, TotalLoad: 0), workers.Summary);

        Assert.Equal("active", (await _client.ResumeWorkerAsync("w1")).Status);
        Assert.Equal(1, (await _client.DeregisterWorkerAsync("w2")).ReleasedTasks);
        Assert.Equal(["w1"], (await _client.ListWorkersAsync()).Data.Select(w => w.Id));
        var unknown = await Assert.ThrowsAsync<DurqProblemException>(() => _client.HeartbeatWorkerAsync("w2", 0));
        Assert.Equal((404, "not_found"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task Health_counts_tasks_and_workers()
    {
        await _client.RegisterWorkerAsync("w1", new RegisterWorkerRequest { ActivityTypes = [Type], MaxConcurrency = 3 });
        await EnqueueAsync();
        await EnqueueAsync();
        await ClaimOneAsync();

        var health = await _client.GetHealthAsync();

        Assert.Equal("healthy", health.Status);
        Assert.Equal((1, 1, 0), (health.PendingTasks, health.ClaimedTasks, health.DlqSize));
        Assert.Equal(new WorkerCounts(1, 0, 0), health.Workers);
        Assert.Equal(3, health.TotalCapacity);
        Assert.Equal(1, health.StartedTasks);
    }
}
