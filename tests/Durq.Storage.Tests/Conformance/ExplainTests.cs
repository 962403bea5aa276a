using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary><c>explain</c> on both stores: each reason code, from the same state the claim reads.</summary>
public abstract class ExplainTests : StoreTests
{
    private const string Type = "email.send";

    [Fact]
    public async Task A_ready_task_with_a_free_worker_is_runnable_with_no_reason()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        await RegisterWorkerAsync();

        var explanation = await ExplainAsync(task.Id);

        Assert.True(explanation.Runnable);
        Assert.Empty(explanation.Reasons);
    }

    [Fact]
    public async Task A_task_behind_others_counts_them_in_claim_order()
    {
        var tasks = NewTasks(5);
        var urgent = NewTask(idTime: Now.AddSeconds(1), options: DefaultOptions with { Priority = 10 });
        await EnqueueAsync([.. tasks, urgent]);
        await RegisterWorkerAsync();

        Assert.Equal(5, Ahead(await ExplainAsync(tasks[4].Id)));
        Assert.Equal(1, Ahead(await ExplainAsync(tasks[0].Id)));
        Assert.Null(Ahead(await ExplainAsync(urgent.Id)));
    }

    [Fact]
    public async Task A_delayed_task_is_not_due_and_a_failed_one_is_in_backoff()
    {
        var delayed = NewTask(options: DefaultOptions with { RunAt = Now.AddMinutes(5) });
        var failing = NewTask(idTime: Now.AddMilliseconds(1));
        await EnqueueAsync(delayed, failing);
        await RegisterWorkerAsync();
        await FailAsync(await ClaimOneAsync());

        var notDue = await ExplainAsync(delayed.Id);
        var backoff = await ExplainAsync(failing.Id);

        Assert.False(notDue.Runnable);
        Assert.Equal(("not_due", Now.AddMinutes(5)), (notDue.Reasons[0].Code, notDue.Reasons[0].Until));
        Assert.False(backoff.Runnable);
        Assert.Equal("in_backoff", backoff.Reasons[0].Code);
        Assert.True(backoff.Reasons[0].Until > Now);
    }

    [Fact]
    public async Task Pause_concurrency_rate_and_breaker_each_name_themselves()
    {
        var tasks = NewTasks(3);
        await EnqueueAsync(tasks);
        await RegisterWorkerAsync(maxConcurrency: 10);
        await SetAsync(new SetActivityTypeParams(TenantA, Type, Now, Paused: true));
        Assert.Contains("activity_paused", Codes(await ExplainAsync(tasks[2].Id)));

        await SetAsync(new SetActivityTypeParams(TenantA, Type, Now, Paused: false, MaxConcurrency: new Setting<int?>(1)));
        await ClaimOneAsync();
        var limited = await ExplainAsync(tasks[2].Id);
        Assert.False(limited.Runnable);
        var reason = limited.Reasons.Single(r => r.Code == "concurrency_limit");
        Assert.Equal((1, 1), (reason.Details?.MaxConcurrency, reason.Details?.Claimed));

        await SetAsync(new SetActivityTypeParams(TenantA, Type, Now, MaxConcurrency: new Setting<int?>(null), RateLimit: new Setting<RateLimit>(new RateLimit(1, 1))));
        await ClaimOneAsync();
        Assert.Equal("rate_limited", Assert.Single((await ExplainAsync(tasks[2].Id)).Reasons).Code);

        await Store.SetCircuitAsync(new SetCircuitParams(TenantA, Type, CircuitCommand.ForceOpen, Now), CancellationToken.None);
        Assert.Contains("circuit_open", Codes(await ExplainAsync(tasks[2].Id)));
    }

    [Fact]
    public async Task Workers_missing_draining_or_busy_are_named()
    {
        var task = NewTask();
        await EnqueueAsync(task, NewTask(idTime: Now.AddMilliseconds(1)));
        Assert.Contains("no_workers", Codes(await ExplainAsync(task.Id)));

        await RegisterWorkerAsync(maxConcurrency: 1);
        await SetDrainingAsync(WorkerA, true);
        Assert.Contains("workers_draining", Codes(await ExplainAsync(task.Id)));

        await SetDrainingAsync(WorkerA, false);
        await HeartbeatWorkerAsync(WorkerA, 1, Now);
        var busy = await ExplainAsync(task.Id);
        Assert.Contains("workers_busy", Codes(busy));
        Assert.True(busy.Runnable);
    }

    [Fact]
    public async Task Claimed_cancel_requested_and_terminal_tasks_say_so()
    {
        var tasks = NewTasks(3);
        await EnqueueAsync(tasks);
        var claimed = await ClaimAsync(2);
        await CancelAsync(claimed[0].Id);
        await CompleteAsync(claimed[1]);
        await CancelAsync(tasks[2].Id);

        var running = await ExplainAsync(claimed[0].Id);
        Assert.Equal(["claimed", "cancel_requested"], Codes(running));
        Assert.Equal(WorkerA, running.Reasons[0].Details?.WorkerId);
        Assert.Equal(claimed[0].LeaseExpiresAt, running.Reasons[0].Details?.LeaseExpiresAt);
        Assert.Equal(["completed"], Codes(await ExplainAsync(claimed[1].Id)));
        Assert.Equal(["cancelled"], Codes(await ExplainAsync(tasks[2].Id)));
        Assert.Null(await Store.ExplainTaskAsync(TenantB, tasks[2].Id, Now, CancellationToken.None));
    }

    [Fact]
    public async Task A_task_past_its_expiry_is_not_runnable_until_the_reaper_takes_it()
    {
        var task = NewTask(options: DefaultOptions with { ExpiresAt = Now.AddSeconds(10) });
        await EnqueueAsync(task);
        await RegisterWorkerAsync();

        var before = await Store.ExplainTaskAsync(TenantA, task.Id, Now.AddSeconds(9), CancellationToken.None);
        var after = await Store.ExplainTaskAsync(TenantA, task.Id, Now.AddSeconds(10), CancellationToken.None);

        Assert.True(before?.Runnable);
        Assert.False(after?.Runnable);
        Assert.Equal(["expired"], after?.Reasons.Select(r => r.Code));
    }

    [Fact]
    public async Task A_dead_task_says_so()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        await FailAsync(await ClaimOneAsync(), retryable: false);

        var explanation = await ExplainAsync(task.Id);

        Assert.Equal((DurqTaskStatus.Dead, false), (explanation.Status, explanation.Runnable));
        Assert.Equal(["dead"], Codes(explanation));
    }

    private async Task<TaskExplanation> ExplainAsync(Guid id) =>
        await Store.ExplainTaskAsync(TenantA, id, Now, CancellationToken.None) ?? throw new InvalidOperationException("No such task.");

    private Task<ActivityTypeState> SetAsync(SetActivityTypeParams request) => Store.SetActivityTypeAsync(request, CancellationToken.None);

    private static List<string> Codes(TaskExplanation explanation) => [.. explanation.Reasons.Select(r => r.Code)];

    private static long? Ahead(TaskExplanation explanation) => explanation.Reasons.SingleOrDefault(r => r.Code == "queued_behind")?.Details?.Ahead;
}
