using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>The dead-letter queue: dead tasks go back to pending with the same id, attempt 0 and one more requeue; others are refused.</summary>
public abstract class DeadLetterTests : StoreTests
{
    private static readonly DateTimeOffset DeathTime = Now.AddSeconds(5);
    private static readonly DateTimeOffset RetryTime = Now.AddHours(1);

    [Fact]
    public async Task Retrying_a_dead_task_puts_it_back_to_pending_with_the_same_id()
    {
        var task = NewTask(inputJson: "{\"to\":\"a@example.com\"}");
        await KillAsync(TenantA, task);
        var dead = await GetAsync(task.Id);

        var retried = await RetryAsync(task.Id);

        Assert.Equal(task.Id, retried.Id);
        Assert.Equal(DurqTaskStatus.Pending, retried.Status);
        Assert.Equal(0, retried.Attempt);
        Assert.Equal(1, retried.RequeueCount);
        Assert.Equal(RetryTime, retried.VisibleAt);
        Assert.Equal(RetryTime, retried.UpdatedAt);
        Assert.Equal("{\"to\":\"a@example.com\"}", retried.InputJson);
        Assert.Equal(dead?.ErrorsJson, retried.ErrorsJson);
        Assert.Equal([new(1, "fatal", "Gave up.", DeathTime)], ErrorsOf(retried));
        AssertNoLease(retried);
        AssertSameTask(retried, await GetAsync(task.Id));
    }

    [Fact]
    public async Task A_retried_task_is_claimed_with_all_its_attempts_again()
    {
        var task = NewTask(options: DefaultOptions with { MaxAttempts = 2 });
        await KillAsync(TenantA, task);
        await RetryAsync(task.Id);

        var claimed = await ClaimOneAsync(at: RetryTime);
        var decision = await FailAsync(claimed, at: RetryTime.AddSeconds(1));

        Assert.Equal(1, claimed.Attempt);
        Assert.Equal(DurqTaskStatus.Pending, decision.Status);
    }

    [Fact]
    public async Task The_requeue_count_and_the_errors_grow_with_each_round()
    {
        var task = NewTask();
        await KillAsync(TenantA, task);
        await RetryAsync(task.Id);
        var claimed = await ClaimOneAsync(at: RetryTime);
        await FailAsync(claimed, "fatal", "Still broken.", retryable: false, at: RetryTime.AddSeconds(1));

        var retried = await RetryAsync(task.Id, RetryTime.AddHours(1));

        Assert.Equal(2, retried.RequeueCount);
        Assert.Equal(0, retried.Attempt);
        Assert.Equal(["Gave up.", "Still broken."], ErrorsOf(retried).Select(e => e.Message));
    }

    [Fact]
    public async Task Failures_after_a_retry_carry_the_requeue_they_ran_in_so_the_rounds_stay_apart()
    {
        var task = NewTask(options: DefaultOptions with { MaxAttempts = 2 });
        await KillAsync(TenantA, task);
        await RetryAsync(task.Id);
        var claimed = await ClaimOneAsync(at: RetryTime);
        await FailAsync(claimed, at: RetryTime.AddSeconds(1));

        var stored = await GetAsync(task.Id);

        Assert.Equal([1, 1], ErrorsOf(stored).Select(e => e.Attempt));
        Assert.Equal([null, 1], ErrorsOf(stored).Select(e => e.Requeue));
        Assert.Equal(1, LastErrorOf(stored)?.Requeue);
    }

    [Theory]
    [InlineData(DurqTaskStatus.Pending)]
    [InlineData(DurqTaskStatus.Claimed)]
    [InlineData(DurqTaskStatus.Completed)]
    [InlineData(DurqTaskStatus.Cancelled)]
    public async Task Retrying_a_task_that_is_not_dead_is_refused_and_changes_nothing(DurqTaskStatus status)
    {
        var task = await TaskInStatusAsync(status);
        var before = await GetAsync(task.Id);

        var error = await Assert.ThrowsAsync<NotDeadException>(() => RetryAsync(task.Id));

        Assert.Equal(task.Id, error.TaskId);
        Assert.Equal(ProblemCodes.NotDead, error.Code);
        AssertSameTask(before!, await GetAsync(task.Id));
    }

    [Fact]
    public async Task Retrying_an_unknown_task_is_not_found()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => RetryAsync(Guid.CreateVersion7(Now)));

        Assert.Equal(ProblemCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task Retrying_another_tenants_dead_task_is_not_found()
    {
        var task = NewTask();
        await KillAsync(TenantB, task);

        await Assert.ThrowsAsync<NotFoundException>(() => RetryAsync(task.Id, tenant: TenantA));

        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(task.Id, TenantB))?.Status);
    }

    [Fact]
    public async Task Retrying_all_dead_tasks_retries_every_dead_task_of_the_tenant_and_no_other()
    {
        var emails = NewTasks(3, "email.send");
        var sms = NewTasks(2, "sms.send");
        var theirs = NewTask();
        await KillAsync(TenantA, [.. emails, .. sms]);
        await KillAsync(TenantB, theirs);
        var pending = NewTask();
        await EnqueueAsync(pending);

        var count = await RetryAllAsync(activityType: null);

        Assert.Equal(5, count);
        foreach (var task in emails.Concat(sms))
        {
            var stored = await GetAsync(task.Id);
            Assert.Equal(DurqTaskStatus.Pending, stored?.Status);
            Assert.Equal(0, stored?.Attempt);
            Assert.Equal(1, stored?.RequeueCount);
            Assert.Equal(RetryTime, stored?.VisibleAt);
            Assert.Single(ErrorsOf(stored));
        }

        Assert.Equal(DurqTaskStatus.Dead, (await GetAsync(theirs.Id, TenantB))?.Status);
        Assert.Equal(0, (await GetAsync(pending.Id))?.RequeueCount);
    }

    [Fact]
    public async Task Retrying_the_dead_tasks_of_one_activity_type_leaves_the_others_dead()
    {
        var emails = NewTasks(3, "email.send");
        var sms = NewTasks(2, "sms.send");
        await KillAsync(TenantA, [.. emails, .. sms]);

        var count = await RetryAllAsync("sms.send");

        Assert.Equal(2, count);
        Assert.All(await Task.WhenAll(sms.Select(t => GetAsync(t.Id))), t => Assert.Equal(DurqTaskStatus.Pending, t?.Status));
        Assert.All(await Task.WhenAll(emails.Select(t => GetAsync(t.Id))), t => Assert.Equal(DurqTaskStatus.Dead, t?.Status));
        Assert.Equal(0, await RetryAllAsync("sms.send"));
    }

    [Fact]
    public async Task Retrying_all_with_nothing_dead_retries_nothing()
    {
        await EnqueueAsync(NewTask());

        Assert.Equal(0, await RetryAllAsync(activityType: null));
        Assert.Equal(0, await RetryAllAsync("email.send"));
    }

    [Theory]
    [InlineData(499)]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(1234)]
    public async Task Retrying_all_retries_each_of_many_dead_tasks_exactly_once(int count)
    {
        var tasks = NewTasks(count);
        await KillAsync(TenantA, tasks);

        var retried = await RetryAllAsync(activityType: null);

        Assert.Equal(count, retried);
        var stats = await StatsAsync();
        Assert.Equal(0, stats.DeadTasks);
        Assert.Equal(count, stats.PendingTasks);
        var requeueCounts = (await Task.WhenAll(tasks.Select(t => GetAsync(t.Id)))).Select(t => t?.RequeueCount);
        Assert.All(requeueCounts, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Dead_tasks_are_listed_newest_first_with_their_errors()
    {
        var tasks = NewTasks(3);
        await KillAsync(TenantA, tasks);

        var page = await ListAsync(DurqTaskStatus.Dead);

        Assert.Equal(tasks.Select(t => t.Id).Reverse(), page.Tasks.Select(t => t.Id));
        Assert.All(page.Tasks, t => Assert.Equal("fatal", LastErrorOf(t)?.Type));
    }

    private Task<DurqTask> RetryAsync(Guid id, DateTimeOffset? at = null, string tenant = TenantA) =>
        Store.RetryDeadTaskAsync(new RetryDeadTaskParams(tenant, id, at ?? RetryTime), CancellationToken.None);

    private Task<int> RetryAllAsync(string? activityType, string tenant = TenantA) =>
        Store.RetryDeadTasksAsync(new RetryDeadTasksParams(tenant, activityType, RetryTime), CancellationToken.None);

    /// <summary>Enqueues the tasks, claims them all and fails each as not retryable at <see cref="DeathTime"/>.</summary>
    private async Task KillAsync(string tenant, params NewTask[] tasks)
    {
        await EnqueueForAsync(tenant, tasks);
        var activityTypes = tasks.Select(t => t.ActivityType).Distinct().ToList();
        var claimed = new List<DurqTask>();
        while (claimed.Count < tasks.Length)
        {
            var batch = await ClaimAsync(500, tenant: tenant, activityTypes: activityTypes);
            Assert.NotEmpty(batch);
            claimed.AddRange(batch);
        }

        await Task.WhenAll(claimed.Select(t => FailAsync(t, "fatal", "Gave up.", retryable: false, at: DeathTime)));
    }

    private async Task<NewTask> TaskInStatusAsync(DurqTaskStatus status)
    {
        var task = NewTask();
        await EnqueueAsync(task);
        switch (status)
        {
            case DurqTaskStatus.Claimed:
                await ClaimOneAsync();
                break;
            case DurqTaskStatus.Completed:
                await CompleteAsync(await ClaimOneAsync());
                break;
            case DurqTaskStatus.Cancelled:
                await CancelAsync(task.Id);
                break;
            case DurqTaskStatus.Pending:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Not a live or finished state.");
        }

        Assert.Equal(status, (await GetAsync(task.Id))?.Status);
        return task;
    }
}
