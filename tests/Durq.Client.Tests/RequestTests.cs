using System.Net;
using Durq.Contracts;

namespace Durq.Client.Tests;

/// <summary>
/// What each <see cref="DurqClient"/> method puts on the wire: method, path, query and the exact body, in snake_case
/// with unset members left out rather than sent as null.
/// </summary>
public sealed class RequestTests
{
    private const string Api = "/api/v1/durable";
    private const string Id = "0193b5a0-0000-7000-8000-000000000001";
    private const string Time = "2026-11-29T12:00:00.000Z";

    private const string TaskJson = $$"""
        {"options":{},"id":"{{Id}}","activity_type":"a","status":"pending","priority":0,"attempt":0,"max_attempts":5,
         "created_at":"{{Time}}","updated_at":"{{Time}}","visible_at":"{{Time}}"}
        """;

    private const string WorkerJson = $$"""
        {"id":"w1","activity_types":["a"],"max_concurrency":4,"current_load":0,"status":"active","draining":false,
         "registered_at":"{{Time}}","last_heartbeat_at":"{{Time}}"}
        """;

    private const string ListJson = """{"data":[]}""";

    public static TheoryData<string, Func<DurqClient, Task>, string, string, string?, string> Requests => new()
    {
        {
            "enqueue, input only",
            c => c.EnqueueAsync("email.send", new RawJson("""{"to":"ada@example.com"}""")),
            "POST", $"{Api}/tasks", """{"activity_type":"email.send","input":{"to":"ada@example.com"}}""",
            """{"task_id":"t"}"""
        },
        {
            "enqueue, some options",
            c => c.EnqueueAsync("a", new RawJson("null"), new TaskOptionsContract
            {
                MaxAttempts = 3,
                Priority = -10,
                RunAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1)),
                Retry = new RetryContract { InitialIntervalMs = 500, NonRetryableErrorTypes = ["Bad"] },
            }),
            "POST", $"{Api}/tasks",
            """{"activity_type":"a","input":null,"options":{"max_attempts":3,"priority":-10,"run_at":"2026-12-01T08:00:00.000Z","retry":{"initial_interval_ms":500,"non_retryable_error_types":["Bad"]}}}""",
            """{"task_id":"t"}"""
        },
        {
            "enqueue batch",
            c => c.EnqueueBatchAsync(
            [
                new EnqueueTaskRequest("a", new RawJson("1")),
                new EnqueueTaskRequest("b", new RawJson("\"two\""), new TaskOptionsContract { DelaySeconds = 1.5 }),
            ]),
            "POST", $"{Api}/tasks/batch",
            """{"tasks":[{"activity_type":"a","input":1},{"activity_type":"b","input":"two","options":{"delay_seconds":1.5}}]}""",
            """{"task_ids":["t1","t2"]}"""
        },
        { "get task", c => c.GetTaskAsync(Id), "GET", $"{Api}/tasks/{Id}", null, TaskJson },
        { "list tasks, no filter", c => c.ListTasksAsync(), "GET", $"{Api}/tasks", null, ListJson },
        {
            "list tasks, every filter",
            c => c.ListTasksAsync(status: "dead", activityType: "email/send", limit: 50, cursor: Id),
            "GET", $"{Api}/tasks?status=dead&activity_type=email%2Fsend&limit=50&cursor={Id}", null, ListJson
        },
        { "cancel", c => c.CancelTaskAsync(Id), "POST", $"{Api}/tasks/{Id}/cancel", "", TaskJson },
        {
            "claim",
            c => c.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = "w1", ActivityTypes = ["a", "b"], MaxTasks = 10, WaitMs = 5000 }),
            "POST", $"{Api}/tasks/claim", """{"worker_id":"w1","activity_types":["a","b"],"max_tasks":10,"wait_ms":5000}""",
            """{"tasks":[]}"""
        },
        {
            "task heartbeat, no details",
            c => c.HeartbeatTaskAsync(Id, "l1"),
            "POST", $"{Api}/tasks/{Id}/heartbeat", """{"lease_id":"l1"}""", $$"""{"lease_expires_at":"{{Time}}","should_cancel":false}"""
        },
        {
            "task heartbeat, details",
            c => c.HeartbeatTaskAsync(Id, "l1", new RawJson("""{"sent":3}""")),
            "POST", $"{Api}/tasks/{Id}/heartbeat", """{"lease_id":"l1","details":{"sent":3}}""",
            $$"""{"lease_expires_at":"{{Time}}","should_cancel":true}"""
        },
        { "complete, no result", c => c.CompleteTaskAsync(Id, "l1"), "POST", $"{Api}/tasks/{Id}/complete", """{"lease_id":"l1"}""", TaskJson },
        {
            "complete, result",
            c => c.CompleteTaskAsync(Id, "l1", new RawJson("[1,2]")),
            "POST", $"{Api}/tasks/{Id}/complete", """{"lease_id":"l1","result":[1,2]}""", TaskJson
        },
        {
            "complete many",
            c => c.CompleteTasksAsync([new TaskCompletionInput { TaskId = "t1", LeaseId = "l1" }, new TaskCompletionInput { TaskId = "t2", LeaseId = "l2", Result = new RawJson("7") }]),
            "POST", $"{Api}/tasks/complete",
            """{"completions":[{"task_id":"t1","lease_id":"l1"},{"task_id":"t2","lease_id":"l2","result":7}]}""",
            """{"results":[{"task_id":"t1","completed":true},{"task_id":"t2","completed":false,"code":"lease_lost","detail":"d"}]}"""
        },
        {
            "fail, message only",
            c => c.FailTaskAsync(Id, "l1", new TaskErrorInput("boom")),
            "POST", $"{Api}/tasks/{Id}/fail", """{"lease_id":"l1","error":{"message":"boom"}}""",
            """{"status":"pending","will_retry":true,"next_visible_at":"2026-11-29T12:00:01.000Z"}"""
        },
        {
            "fail, type and not retryable",
            c => c.FailTaskAsync(Id, "l1", new TaskErrorInput("boom", "System.InvalidOperationException"), retryable: false),
            "POST", $"{Api}/tasks/{Id}/fail",
            """{"lease_id":"l1","error":{"message":"boom","type":"System.InvalidOperationException"},"retryable":false}""",
            """{"status":"dead","will_retry":false}"""
        },
        {
            "register worker, every member",
            c => c.RegisterWorkerAsync("mail 1", new RegisterWorkerRequest
            {
                ActivityTypes = ["email.send"], MaxConcurrency = 16, WorkerGroup = "mail", Hostname = "h1", Version = "1.2",
            }),
            "PUT", $"{Api}/workers/mail%201",
            """{"activity_types":["email.send"],"max_concurrency":16,"worker_group":"mail","hostname":"h1","version":"1.2"}""",
            WorkerJson
        },
        {
            "register worker, no optional member",
            c => c.RegisterWorkerAsync("w1", new RegisterWorkerRequest { ActivityTypes = ["a"], MaxConcurrency = 2 }),
            "PUT", $"{Api}/workers/w1", """{"activity_types":["a"],"max_concurrency":2}""", WorkerJson
        },
        {
            "worker heartbeat",
            c => c.HeartbeatWorkerAsync("w1", 3),
            "POST", $"{Api}/workers/w1/heartbeat", """{"current_load":3}""", """{"draining":false}"""
        },
        { "deregister", c => c.DeregisterWorkerAsync("w1"), "DELETE", $"{Api}/workers/w1", "", """{"released_tasks":2}""" },
        { "drain", c => c.DrainWorkerAsync("w1"), "POST", $"{Api}/workers/w1/drain", "", WorkerJson },
        { "resume", c => c.ResumeWorkerAsync("w1"), "POST", $"{Api}/workers/w1/resume", "", WorkerJson },
        {
            "list workers",
            c => c.ListWorkersAsync(),
            "GET", $"{Api}/workers", null,
            """{"data":[],"summary":{"active":0,"draining":0,"stopped":0,"total_capacity":0,"total_load":0}}"""
        },
        {
            "list workers, a later page",
            c => c.ListWorkersAsync(limit: 2, cursor: "dzI"),
            "GET", $"{Api}/workers?limit=2&cursor=dzI", null,
            """{"data":[],"summary":{"active":0,"draining":0,"stopped":0,"total_capacity":0,"total_load":0},"next_cursor":"dzM"}"""
        },
        { "list dead tasks", c => c.ListDeadTasksAsync(activityType: "a", limit: 10), "GET", $"{Api}/dlq?activity_type=a&limit=10", null, ListJson },
        { "retry one dead task", c => c.RetryDeadTaskAsync(Id), "POST", $"{Api}/dlq/{Id}/retry", "", TaskJson },
        { "retry all dead tasks", c => c.RetryDeadTasksAsync(new RetryDeadTasksRequest { All = true }), "POST", $"{Api}/dlq/retry", """{"all":true}""", """{"retried":4}""" },
        {
            "purge dead tasks of one error type",
            c => c.PurgeDeadTasksAsync(new PurgeDeadTasksRequest { ErrorType = "expired" }),
            "POST", $"{Api}/dlq/purge", """{"error_type":"expired"}""", """{"deleted":2}"""
        },
        { "delete a task", c => c.DeleteTaskAsync(Id), "DELETE", $"{Api}/tasks/{Id}", "", "" },
        { "list activity types", c => c.ListActivityTypesAsync(), "GET", $"{Api}/activity-types", null, """{"data":[]}""" },
        {
            "set an activity type",
            c => c.SetActivityTypeAsync("email send", """{"max_concurrency":5,"rate_limit":null}"""),
            "PUT", $"{Api}/activity-types/email%20send", """{"max_concurrency":5,"rate_limit":null}""",
            """
            {"activity_type":"email send","pending":0,"claimed":0,"dead":0,"workers":0,"settings":{"paused":false,"max_concurrency":5},
             "circuit":{"activity_type":"email send","state":"closed","consecutive_failures":0,"forced":false}}
            """
        },
        {
            "force a breaker open",
            c => c.SetCircuitBreakerAsync("a", open: true), "POST", $"{Api}/circuit-breakers/a/open", "",
            """{"activity_type":"a","state":"open","consecutive_failures":0,"forced":true}"""
        },
        {
            "close a breaker",
            c => c.SetCircuitBreakerAsync("a", open: false), "POST", $"{Api}/circuit-breakers/a/close", "",
            """{"activity_type":"a","state":"closed","consecutive_failures":0,"forced":false}"""
        },
        {
            "retry dead tasks of one type",
            c => c.RetryDeadTasksAsync(new RetryDeadTasksRequest { ActivityType = "a" }),
            "POST", $"{Api}/dlq/retry", """{"activity_type":"a"}""", """{"retried":1}"""
        },
        {
            "health",
            c => c.GetHealthAsync(),
            "GET", $"{Api}/health", null,
            """
            {"status":"healthy","pending_tasks":0,"claimed_tasks":0,"dlq_size":0,"workers":{"active":0,"draining":0,"stopped":0},
             "total_capacity":0,"total_load":0,"completed_tasks":0,"failed_attempts":0,"started_tasks":0}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Each_method_sends_its_route_and_body(
        string name, Func<DurqClient, Task> call, string method, string pathAndQuery, string? body, string answer)
    {
        var stub = StubHandler.Answering(HttpStatusCode.OK, answer);
        await call(stub.CreateClient());

        var request = stub.Single;
        Assert.True(method == request.Method, $"{name}: method {request.Method}");
        Assert.Equal(pathAndQuery, request.PathAndQuery);
        Assert.Equal(body, request.Body);
        Assert.Equal(body is null ? null : "application/json; charset=utf-8", request.ContentType);
        Assert.Null(request.Authorization);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task With_an_api_key_each_method_sends_the_same_request_with_it_as_a_bearer_token(
        string name, Func<DurqClient, Task> call, string method, string pathAndQuery, string? body, string answer)
    {
        var stub = StubHandler.Answering(HttpStatusCode.OK, answer);
        await call(stub.CreateClient(apiKey: "durq_0123456789ab_secret"));

        var request = stub.Single;
        Assert.True(method == request.Method, $"{name}: method {request.Method}");
        Assert.Equal((pathAndQuery, body), (request.PathAndQuery, request.Body));
        Assert.Equal("Bearer durq_0123456789ab_secret", request.Authorization);
    }

    [Theory]
    [InlineData("durq_0123456789ab_K3y S3cr3t")]
    [InlineData("durq_0123456789ab_K3yS3cr3t\r\nX-Injected: 1")]
    [InlineData("durq_0123456789ab_K3yS3cr3té")]
    public void A_malformed_api_key_is_refused_without_repeating_it(string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://durq.test/") };

        var error = Assert.Throws<ArgumentException>(() => new DurqClient(http, key));

        Assert.Equal("apiKey", error.ParamName);
        Assert.DoesNotContain("S3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_api_key_sends_no_header()
    {
        var stub = StubHandler.Answering(HttpStatusCode.OK, ListJson);
        await stub.CreateClient(apiKey: "").ListTasksAsync();
        Assert.Null(stub.Single.Authorization);
    }

    [Fact]
    public async Task An_idempotency_key_is_sent_as_its_header_on_single_and_batch_enqueues()
    {
        var stub = new StubHandler(request => StubHandler.Response(HttpStatusCode.OK,
            request.RequestUri!.AbsolutePath.EndsWith("/batch", StringComparison.Ordinal) ? """{"task_ids":["t"]}""" : """{"task_id":"t"}"""));
        var client = stub.CreateClient();

        await client.EnqueueAsync("a", new RawJson("1"), idempotencyKey: "order-42");
        await client.EnqueueBatchAsync([new EnqueueTaskRequest("a", new RawJson("1"))], idempotencyKey: "batch-7");
        await client.EnqueueAsync("a", new RawJson("1"));

        Assert.Equal(["order-42", "batch-7", null], stub.Requests.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task A_server_under_a_path_prefix_keeps_its_prefix()
    {
        var stub = StubHandler.Answering(HttpStatusCode.OK, """{"task_id":"t"}""");
        await stub.CreateClient("http://durq.test/queues/durq/").EnqueueAsync("a", new RawJson("1"));
        Assert.Equal("/queues/durq/api/v1/durable/tasks", stub.Single.PathAndQuery);
    }

    [Fact]
    public async Task Answers_are_read_into_the_contracts()
    {
        var stub = StubHandler.Answering(HttpStatusCode.OK, $$"""
            {"tasks":[{"id":"{{Id}}","activity_type":"a","input":{"n":1},"attempt":2,"max_attempts":5,"lease_id":"l1",
              "lease_expires_at":"2026-11-29T12:00:30.000Z","timeout_at":"2026-11-29T12:05:00.000Z","priority":3,
              "created_at":"{{Time}}","traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}]}
            """);

        var claimed = Assert.Single(await stub.CreateClient().ClaimTasksAsync(
            new ClaimTasksRequest { WorkerId = "w1", ActivityTypes = ["a"], MaxTasks = 1, WaitMs = 0 }));

        Assert.Equal("""{"n":1}""", claimed.Input.Json);
        Assert.Equal(2, claimed.Attempt);
        Assert.Equal("l1", claimed.LeaseId);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 30, TimeSpan.Zero), claimed.LeaseExpiresAt);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", claimed.Traceparent);
    }

    [Fact]
    public void A_client_needs_a_base_address()
    {
        using var http = new HttpClient();
        var error = Assert.Throws<ArgumentException>(() => new DurqClient(http));
        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_RawJson_is_refused_before_anything_is_sent()
    {
        var stub = StubHandler.Answering(HttpStatusCode.OK, """{"task_id":"t"}""");
        await Assert.ThrowsAsync<ArgumentException>(() => stub.CreateClient().EnqueueAsync("a", default));
        Assert.Empty(stub.Requests);
    }
}
