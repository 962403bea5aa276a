using System.Collections.Concurrent;
using System.Text.Json;
using Durq.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Durq.Client.Tests;

/// <summary>
/// <see cref="DurqWorkerServiceCollectionExtensions.AddDurqWorker"/> against a real Durq node in memory. Worker and
/// node share one fake clock: heartbeats, backoff and shutdown timeouts fire only when a test moves it.
/// </summary>
public sealed class DurqWorkerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Type = "email.send";

    private readonly DurqApiFactory _node = new();
    private readonly List<WorkerHost> _workers = [];
    // Handlers that must stay busy wait on this; disposing the test opens it, so no worker is left stuck.
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DurqClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _node.CreateDurqClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await _node.DisposeAsync();
    }

    private async Task<WorkerHost> StartWorkerAsync(
        Action<DurqWorkerBuilder> handlers, Action<DurqWorkerOptions>? configure = null,
        Func<HttpMessageHandler, HttpMessageHandler>? transport = null)
    {
        var worker = new WorkerHost(_node, output, handlers, configure, transport);
        _workers.Add(worker);
        await worker.StartAsync();
        return worker;
    }

    private Task<string> EnqueueAsync(string input = """{"to":"ada@example.com"}""", TaskOptionsContract? options = null, string type = Type) =>
        _client.EnqueueAsync(type, new RawJson(input), options);

    private Task<TaskResource> WaitForStatusAsync(string id, string status, bool moveClock = false) =>
        WaitUntil.ConditionAsync(() => _client.GetTaskAsync(id), task => task.Status == status, $"task {id} to be {status}",
            moveClock ? _node.Clock : null);

    private Task<WorkerListResponse> WaitForWorkersAsync(Func<WorkerListResponse, bool> condition, string what, bool moveClock = false) =>
        WaitUntil.ConditionAsync(() => _client.ListWorkersAsync(), condition, what, moveClock ? _node.Clock : null);

    private static IReadOnlyList<TaskErrorResource> Errors(TaskResource task) =>
        JsonSerializer.Deserialize(task.Errors!.Value.Json, DurqJson.Context.IReadOnlyListTaskErrorResource)!;

    private static async Task UntilCancelledAsync(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (token.Register(() => cancelled.TrySetResult()))
        {
            await cancelled.Task;
        }
    }

    [Fact]
    public async Task A_handler_runs_and_its_task_completes_with_the_result()
    {
        var id = await EnqueueAsync();
        var seen = new TaskCompletionSource<(EmailInput Input, string TaskId, string ActivityType, int Attempt, int MaxAttempts)>();

        await StartWorkerAsync(
            worker => worker.Handle<EmailInput>(Type, async (input, context) =>
            {
                await Task.Yield();
                seen.TrySetResult((input, context.TaskId, context.ActivityType, context.Attempt, context.MaxAttempts));
                return new EmailResult("m-1");
            }),
            options => options.SerializerOptions = TestJson.Default.Options);

        var task = await WaitForStatusAsync(id, "completed");
        Assert.Equal("""{"messageId":"m-1"}""", task.Result!.Value.Json);
        Assert.Equal((new EmailInput("ada@example.com"), id, Type, 1, 5), await seen.Task);
    }

    [Fact]
    public async Task Raw_handlers_see_the_input_verbatim_and_a_handler_may_return_nothing()
    {
        var raw = await EnqueueAsync("""{"n": 1}""", type: "raw");
        var silent = await EnqueueAsync(type: "silent");

        await StartWorkerAsync(worker => worker
            .Handle("raw", (input, _) => Task.FromResult<RawJson?>(new RawJson($"[{input.Json}]")))
            .Handle<EmailInput>("silent", (_, _) => Task.CompletedTask));

        Assert.Equal("""[{"n": 1}]""", (await WaitForStatusAsync(raw, "completed")).Result!.Value.Json);
        Assert.Null((await WaitForStatusAsync(silent, "completed")).Result);
    }

    [Fact]
    public async Task An_exception_fails_the_attempt_with_its_type_and_message_and_the_task_is_retried()
    {
        var id = await EnqueueAsync(options: new TaskOptionsContract
        {
            MaxAttempts = 3,
            Retry = new RetryContract { InitialIntervalMs = 1000, Jitter = 0 },
        });

        await StartWorkerAsync(worker => worker.Handle<EmailInput>(Type, (_, context) => context.Attempt == 1
            ? throw new InvalidOperationException("SMTP 451: try again later")
            : Task.FromResult<object?>("sent")));

        var task = await WaitForStatusAsync(id, "completed", moveClock: true);
        Assert.Equal(2, task.Attempt);
        Assert.Equal("\"sent\"", task.Result!.Value.Json);
        var error = Assert.Single(Errors(task));
        Assert.Equal((1, "System.InvalidOperationException", "SMTP 451: try again later"), (error.Attempt, error.Type, error.Message));
    }

    [Fact]
    public async Task A_NonRetryableException_sends_the_task_to_the_dead_letter_queue_at_once()
    {
        var id = await EnqueueAsync();

        await StartWorkerAsync(worker => worker.Handle<EmailInput>(Type, (_, _) => throw new NonRetryableException("address rejected")));

        var task = await WaitForStatusAsync(id, "dead");
        Assert.Equal((1, 5), (task.Attempt, task.MaxAttempts));
        var error = Assert.Single(Errors(task));
        Assert.Equal(("Durq.Client.NonRetryableException", "address rejected"), (error.Type, error.Message));
        Assert.Equal(id, Assert.Single((await _client.ListDeadTasksAsync()).Data).Id);
    }

    [Fact]
    public async Task Input_that_does_not_read_as_the_handlers_type_is_dead_at_once()
    {
        var id = await EnqueueAsync("42");

        await StartWorkerAsync(worker => worker.Handle<EmailInput>(Type, (_, _) => Task.CompletedTask));

        var error = Assert.Single(Errors(await WaitForStatusAsync(id, "dead")));
        Assert.Equal("Durq.Client.InvalidTaskInputException", error.Type);
        Assert.Contains("EmailInput", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_more_than_Concurrency_handlers_run_at_once()
    {
        var ids = await _client.EnqueueBatchAsync([.. Enumerable.Range(0, 10).Select(i => new EnqueueTaskRequest(Type, new RawJson($"{i}")))]);
        var running = 0;
        var most = 0;
        var threeRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await StartWorkerAsync(
            worker => worker.Handle(Type, async (_, _) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                if (now == 3)
                {
                    threeRunning.TrySetResult();
                }

                await _release.Task;
                Interlocked.Decrement(ref running);
                return null;
            }),
            options => options.Concurrency = 3);

        await WaitUntil.SignalAsync(threeRunning.Task, "three handlers to run");
        var health = await _client.GetHealthAsync();
        Assert.Equal((3, 7), (health.ClaimedTasks, health.PendingTasks));

        _release.TrySetResult();
        await WaitUntil.ConditionAsync(() => _client.ListTasksAsync(status: "completed"), page => page.Data.Count == ids.Count, "all tasks to complete");
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task Short_handlers_let_the_worker_claim_ahead_yet_never_run_more_than_Concurrency_at_once()
    {
        var ids = await _client.EnqueueBatchAsync([.. Enumerable.Range(0, 40).Select(i => new EnqueueTaskRequest(Type, new RawJson($"{i}")))]);
        var claims = new ClaimRecorder();
        var running = 0;
        var most = 0;

        await StartWorkerAsync(
            worker => worker.Handle(Type, async (_, _) =>
            {
                InterlockedMax(ref most, Interlocked.Increment(ref running));
                await Task.Yield();
                Interlocked.Decrement(ref running);
                return null;
            }),
            options => (options.Concurrency, options.Prefetch) = (2, 6),
            transport: inner => claims.Over(inner));

        await WaitUntil.ConditionAsync(() => _client.ListTasksAsync(status: "completed", limit: 100), page => page.Data.Count == ids.Count, "all tasks to complete");
        Assert.Equal(2, claims.AskedFor[0]); // nothing timed yet: only the free handler slots
        Assert.Contains(claims.AskedFor, asked => asked > 2);
        Assert.All(claims.AskedFor, asked => Assert.InRange(asked, 1, 8));
        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public async Task A_cancel_request_fires_the_handlers_token_at_its_next_heartbeat()
    {
        var id = await EnqueueAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reason = new TaskCompletionSource<DurqCancellationReason?>(TaskCreationOptions.RunContinuationsAsynchronously);

        await StartWorkerAsync(worker => worker.Handle(Type, async (_, context) =>
        {
            started.TrySetResult();
            await UntilCancelledAsync(context.CancellationToken);
            reason.TrySetResult(context.CancellationReason);
            context.CancellationToken.ThrowIfCancellationRequested();
            return null;
        }));
        await WaitUntil.SignalAsync(started.Task, "the handler to start");

        Assert.True((await _client.CancelTaskAsync(id)).CancelRequested);
        await WaitUntil.SignalAsync(reason.Task, "the handler's token to fire", _node.Clock, TimeSpan.FromSeconds(1));

        Assert.Equal(DurqCancellationReason.CancelRequested, await reason.Task);
        await WaitForStatusAsync(id, "cancelled");
    }

    [Fact]
    public async Task A_lost_lease_fires_the_token_and_a_forgotten_worker_registers_again()
    {
        var id = await EnqueueAsync();
        var firstRun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reason = new TaskCompletionSource<DurqCancellationReason?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        await StartWorkerAsync(worker => worker.Handle(Type, async (_, context) =>
        {
            if (Interlocked.Increment(ref runs) > 1)
            {
                return new RawJson("\"second run\"");
            }

            firstRun.TrySetResult();
            await UntilCancelledAsync(context.CancellationToken);
            reason.TrySetResult(context.CancellationReason);
            return new RawJson("\"first run\"");
        }));
        await WaitUntil.SignalAsync(firstRun.Task, "the handler to start");

        // Deregistering behind the worker's back puts its task back to pending: the lease it holds is gone.
        Assert.Equal(1, (await _client.DeregisterWorkerAsync(WorkerHost.WorkerId)).ReleasedTasks);
        await WaitUntil.SignalAsync(reason.Task, "the handler's token to fire", _node.Clock, TimeSpan.FromSeconds(1));

        Assert.Equal(DurqCancellationReason.LeaseLost, await reason.Task);
        Assert.Equal("\"second run\"", (await WaitForStatusAsync(id, "completed", moveClock: true)).Result!.Value.Json);
        await WaitForWorkersAsync(workers => workers.Data.Any(w => w.Id == WorkerHost.WorkerId), "the worker to register again", moveClock: true);
    }

    [Fact]
    public async Task The_worker_registers_its_activity_types_and_capacity_when_it_starts()
    {
        await StartWorkerAsync(
            worker => worker.Handle(Type, (_, _) => Task.FromResult<RawJson?>(null)).Handle("sms.send", (_, _) => Task.FromResult<RawJson?>(null)),
            options =>
            {
                options.Concurrency = 7;
                options.WorkerGroup = "mail";
                options.Version = "2.0.1";
            });

        var workers = await WaitForWorkersAsync(list => list.Data.Count == 1, "the worker to register");

        var worker = workers.Data[0];
        Assert.Equal(WorkerHost.WorkerId, worker.Id);
        Assert.Equal([Type, "sms.send"], worker.ActivityTypes.Order());
        Assert.Equal((7, "mail", "2.0.1", Environment.MachineName), (worker.MaxConcurrency, worker.WorkerGroup, worker.Version, worker.Hostname));
    }

    [Fact]
    public async Task Handlers_can_send_progress_and_the_worker_heartbeat_reports_its_load()
    {
        var id = await EnqueueAsync();
        var progressSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await StartWorkerAsync(worker => worker.Handle(Type, async (_, context) =>
        {
            await context.HeartbeatAsync(new RawJson("""{"progress":50}"""));
            progressSent.TrySetResult();
            await _release.Task;
            return null;
        }));
        await WaitUntil.SignalAsync(progressSent.Task, "the handler to send progress");

        Assert.Equal("""{"progress":50}""", (await _client.GetTaskAsync(id)).HeartbeatDetails!.Value.Json);
        await WaitForWorkersAsync(list => list.Data.SingleOrDefault()?.CurrentLoad == 1, "a heartbeat with load 1", moveClock: true);
    }

    [Fact]
    public async Task A_drained_worker_stops_claiming_until_it_is_resumed()
    {
        var claims = 0;
        await StartWorkerAsync(
            worker => worker.Handle(Type, (_, _) => Task.FromResult<RawJson?>(null)),
            transport: inner => new CountingHandler(inner, "/tasks/claim", () => Interlocked.Increment(ref claims)));
        await WaitForWorkersAsync(list => list.Data.Count == 1, "the worker to register");

        var drainedAt = (await _client.DrainWorkerAsync(WorkerHost.WorkerId)).LastHeartbeatAt;
        await WaitForWorkersAsync(list => list.Data[0].LastHeartbeatAt > drainedAt, "a heartbeat after the drain", moveClock: true);
        var id = await EnqueueAsync();
        var claimsWhenDrained = Volatile.Read(ref claims);
        var until = _node.Clock.GetUtcNow().AddSeconds(40);
        await WaitUntil.ConditionAsync(() => Task.FromResult(_node.Clock.GetUtcNow()), now => now >= until, "40 s to pass", _node.Clock, TimeSpan.FromSeconds(1));

        // A worker that ignored draining would have claimed again every 10 s; this one let at most the claim in flight end.
        Assert.InRange(Volatile.Read(ref claims) - claimsWhenDrained, 0, 1);
        Assert.Equal("pending", (await _client.GetTaskAsync(id)).Status);

        await _client.ResumeWorkerAsync(WorkerHost.WorkerId);
        await WaitForStatusAsync(id, "completed", moveClock: true);
    }

    [Fact]
    public async Task Stopping_waits_for_running_handlers_then_deregisters()
    {
        var id = await EnqueueAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = await StartWorkerAsync(worker => worker.Handle(Type, async (_, _) =>
        {
            started.TrySetResult();
            await _release.Task;
            return new RawJson("\"finished\"");
        }));
        await WaitUntil.SignalAsync(started.Task, "the handler to start");

        var stopping = worker.StopAsync();
        Assert.False(stopping.IsCompleted);
        _release.TrySetResult();
        await WaitUntil.SignalAsync(stopping, "the worker to stop");

        Assert.Equal("\"finished\"", (await _client.GetTaskAsync(id)).Result!.Value.Json);
        Assert.Empty((await _client.ListWorkersAsync()).Data);
    }

    [Fact]
    public async Task Handlers_still_running_when_the_shutdown_timeout_ends_are_cancelled_and_their_tasks_released()
    {
        var id = await EnqueueAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reason = new TaskCompletionSource<DurqCancellationReason?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = await StartWorkerAsync(
            worker => worker.Handle(Type, async (_, context) =>
            {
                started.TrySetResult();
                await UntilCancelledAsync(context.CancellationToken);
                reason.TrySetResult(context.CancellationReason);
                context.CancellationToken.ThrowIfCancellationRequested();
                return null;
            }),
            options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        await WaitUntil.SignalAsync(started.Task, "the handler to start");

        await WaitUntil.SignalAsync(worker.StopAsync(), "the worker to stop", _node.Clock, TimeSpan.FromSeconds(1));

        Assert.Equal(DurqCancellationReason.Shutdown, await reason.Task);
        var task = await _client.GetTaskAsync(id);
        Assert.Equal("pending", task.Status);
        Assert.Null(task.Errors); // released by the deregistration, not reported as a failure
        Assert.Empty((await _client.ListWorkersAsync()).Data);
    }

    [Fact]
    public async Task Network_failures_are_retried_with_backoff_and_do_not_stop_the_host()
    {
        var id = await EnqueueAsync();
        var failuresLeft = 3;

        await StartWorkerAsync(
            worker => worker.Handle(Type, (_, _) => Task.FromResult<RawJson?>(new RawJson("\"ok\""))),
            transport: inner => new FailingHandler(inner, () => Interlocked.Decrement(ref failuresLeft) >= 0));

        await WaitForStatusAsync(id, "completed", moveClock: true);
        Assert.True(Volatile.Read(ref failuresLeft) < 0);
    }

    [Fact]
    public async Task Every_request_of_a_worker_with_an_api_key_carries_it()
    {
        // A key the node knows: once it exists, every request needs one, so the test's own client uses it too.
        var issuer = _node.Services.GetRequiredService<Durq.Server.Auth.ApiKeyIssuer>();
        var (_, key) = await issuer.CreateAsync("default", ["admin"], null, null, CancellationToken.None);
        _client = new DurqClient(_node.CreateClient(), key);
        var completed = await EnqueueAsync();
        var failed = await EnqueueAsync(options: new TaskOptionsContract { MaxAttempts = 1 }, type: "sms.send");
        var requests = new RouteRecorder();
        var worker = await StartWorkerAsync(
            handlers => handlers
                .Handle(Type, async (_, context) =>
                {
                    await context.HeartbeatAsync();
                    return null;
                })
                .Handle("sms.send", (_, _) => throw new InvalidOperationException("boom")),
            options => options.ApiKey = key,
            requests.Over);
        await WaitForStatusAsync(completed, "completed", moveClock: true);
        await WaitForStatusAsync(failed, "dead", moveClock: true);
        var registered = (await _client.ListWorkersAsync()).Data.Single().LastHeartbeatAt;
        await WaitForWorkersAsync(list => list.Data.Single().LastHeartbeatAt > registered, "a worker heartbeat", moveClock: true);
        await worker.StopAsync();

        var routes = requests.Seen.Select(request => request.Route).ToHashSet();
        foreach (var route in (string[])["PUT workers/{w}", "POST workers/{w}/heartbeat", "POST tasks/claim", "POST tasks/{id}/heartbeat", "POST tasks/{id}/fail", "DELETE workers/{w}"])
        {
            Assert.Contains(route, routes);
        }

        Assert.True(routes.Contains("POST tasks/complete") || routes.Contains("POST tasks/{id}/complete"), string.Join(", ", routes));
        Assert.All(requests.Seen, request => Assert.Equal($"Bearer {key}", request.Authorization));
    }

    [Fact]
    public async Task A_worker_without_an_api_key_sends_no_authorization()
    {
        var id = await EnqueueAsync();
        var requests = new RouteRecorder();
        await StartWorkerAsync(handlers => handlers.Handle(Type, (_, _) => Task.FromResult<RawJson?>(null)), transport: requests.Over);

        await WaitForStatusAsync(id, "completed", moveClock: true);

        Assert.Contains("POST tasks/claim", requests.Seen.Select(request => request.Route));
        Assert.All(requests.Seen, request => Assert.Null(request.Authorization));
    }

    [Fact]
    public async Task A_misconfigured_worker_fails_the_host_at_start_naming_what_is_wrong()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddDurqWorker(options =>
        {
            options.Concurrency = 0;
            options.ClaimWaitMs = 60_000;
            options.ApiKey = "durq_0123456789ab_K3y S3cr3t";
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("ServerUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("Concurrency", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClaimWaitMs", error.Message, StringComparison.Ordinal);
        Assert.Contains("No handlers", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey is malformed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_type_takes_one_handler()
    {
        var worker = new ServiceCollection().AddDurqWorker(_ => { }).Handle(Type, (_, _) => Task.FromResult<RawJson?>(null));

        Assert.Throws<ArgumentException>(() => worker.Handle<EmailInput>(Type, (_, _) => Task.CompletedTask));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    /// <summary>Notes each request's route (ids as placeholders) and its Authorization header.</summary>
    private sealed class RouteRecorder
    {
        private readonly ConcurrentQueue<(string Route, string? Authorization)> _seen = new();

        public IReadOnlyList<(string Route, string? Authorization)> Seen => [.. _seen];

        public HttpMessageHandler Over(HttpMessageHandler inner) => new Recording(inner, _seen);

        private sealed class Recording(HttpMessageHandler inner, ConcurrentQueue<(string, string?)> seen) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                // "/api/v1/durable/tasks/claim" → "tasks/claim"
                var segments = request.RequestUri!.AbsolutePath.Split('/')[4..]
                    .Select(segment => segment == WorkerHost.WorkerId ? "{w}" : Guid.TryParse(segment, out _) ? "{id}" : segment);
                seen.Enqueue(($"{request.Method} {string.Join('/', segments)}", request.Headers.Authorization?.ToString()));
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    /// <summary>Counts the requests whose path ends as given.</summary>
    private sealed class CountingHandler(HttpMessageHandler inner, string pathEnd, Action count) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal))
            {
                count();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Fails requests as if the server could not be reached, while <paramref name="fail"/> says so.</summary>
    private sealed class FailingHandler(HttpMessageHandler inner, Func<bool> fail) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            fail() ? throw new HttpRequestException("Connection refused (durq.test:8080)") : base.SendAsync(request, cancellationToken);
    }
}
