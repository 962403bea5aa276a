using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// The worker registry: registration, heartbeats, drain and resume, per-tenant lists, and deregistration, which hands
/// the worker's tasks back to the queue at once without counting the attempt it cut short.
/// </summary>
public abstract class WorkerRegistryTests : StoreTests
{
    private static readonly IReadOnlyList<string> NoActivityTypes = [];

    [Fact]
    public async Task Registering_creates_a_worker_with_every_field()
    {
        var worker = await Store.RegisterWorkerAsync(
            new RegisterWorkerParams(TenantA, WorkerA, ["email.send", "sms.send"], 8, "mailers", "host-1", "1.2.3", Now),
            CancellationToken.None);

        var expected = new Worker
        {
            Id = WorkerA,
            Tenant = TenantA,
            ActivityTypes = ["email.send", "sms.send"],
            MaxConcurrency = 8,
            WorkerGroup = "mailers",
            Hostname = "host-1",
            Version = "1.2.3",
            CurrentLoad = 0,
            Draining = false,
            RegisteredAt = Now,
            LastHeartbeatAt = Now,
        };
        AssertSameWorker(expected, worker);
        AssertSameWorker(expected, Assert.Single(await ListWorkersAsync()));
    }

    [Fact]
    public async Task Optional_fields_left_out_stay_empty()
    {
        var worker = await RegisterWorkerAsync(WorkerA);

        Assert.Null(worker.WorkerGroup);
        Assert.Null(worker.Hostname);
        Assert.Null(worker.Version);
    }

    [Fact]
    public async Task Registering_again_updates_the_worker_but_keeps_its_drain_and_registration_time()
    {
        await Store.RegisterWorkerAsync(
            new RegisterWorkerParams(TenantA, WorkerA, ["email.send"], 2, "old-group", "old-host", "1.0.0", Now),
            CancellationToken.None);
        await SetDrainingAsync(WorkerA, draining: true);
        var later = Now.AddSeconds(10);

        var worker = await Store.RegisterWorkerAsync(
            new RegisterWorkerParams(TenantA, WorkerA, ["sms.send", "push.send"], 16, "new-group", "new-host", "2.0.0", later),
            CancellationToken.None);

        Assert.Equal(["sms.send", "push.send"], worker.ActivityTypes);
        Assert.Equal(16, worker.MaxConcurrency);
        Assert.Equal("new-group", worker.WorkerGroup);
        Assert.Equal("new-host", worker.Hostname);
        Assert.Equal("2.0.0", worker.Version);
        Assert.True(worker.Draining);
        Assert.Equal(Now, worker.RegisteredAt);
        Assert.Equal(later, worker.LastHeartbeatAt);
        AssertSameWorker(worker, Assert.Single(await ListWorkersAsync()));
    }

    [Fact]
    public async Task A_heartbeat_records_the_load_and_time_and_answers_the_drain_flag()
    {
        await RegisterWorkerAsync(WorkerA);

        var beat = await HeartbeatWorkerAsync(WorkerA, 3, Now.AddSeconds(5));
        await SetDrainingAsync(WorkerA, draining: true);
        var drainingBeat = await HeartbeatWorkerAsync(WorkerA, 1, Now.AddSeconds(10));

        Assert.Equal(3, beat.CurrentLoad);
        Assert.Equal(Now.AddSeconds(5), beat.LastHeartbeatAt);
        Assert.False(beat.Draining);
        Assert.True(drainingBeat.Draining);
        var listed = Assert.Single(await ListWorkersAsync());
        Assert.Equal(1, listed.CurrentLoad);
        Assert.Equal(Now.AddSeconds(10), listed.LastHeartbeatAt);
        Assert.Equal(Now, listed.RegisteredAt);
    }

    [Fact]
    public async Task A_heartbeat_from_an_unknown_worker_is_not_found()
    {
        await RegisterWorkerAsync(WorkerA, TenantB);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => HeartbeatWorkerAsync(WorkerA, 0, Now));

        Assert.Equal(ProblemCodes.NotFound, error.Code);
        Assert.Empty(await ListWorkersAsync(TenantA));
    }

    [Fact]
    public async Task Draining_an_unknown_worker_is_not_found()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => SetDrainingAsync("nobody", draining: true));

        Assert.Equal(ProblemCodes.NotFound, error.Code);
        Assert.Empty(await ListWorkersAsync());
    }

    [Fact]
    public async Task Drain_and_resume_set_and_clear_the_flag()
    {
        await RegisterWorkerAsync(WorkerA);

        Assert.True((await SetDrainingAsync(WorkerA, draining: true)).Draining);
        Assert.True(Assert.Single(await ListWorkersAsync()).Draining);
        Assert.False((await SetDrainingAsync(WorkerA, draining: false)).Draining);
        Assert.False(Assert.Single(await ListWorkersAsync()).Draining);
    }

    [Fact]
    public async Task Workers_are_listed_per_tenant()
    {
        await RegisterWorkerAsync("worker-2", TenantA);
        await RegisterWorkerAsync("worker-1", TenantA);
        await RegisterWorkerAsync("worker-3", TenantB);

        Assert.Equal(["worker-1", "worker-2"], (await ListWorkersAsync(TenantA)).Select(w => w.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["worker-3"], (await ListWorkersAsync(TenantB)).Select(w => w.Id));
        Assert.Empty(await ListWorkersAsync("tenant-c"));
        Assert.All(await ListWorkersAsync(TenantA), w => Assert.Equal(TenantA, w.Tenant));
    }

    [Fact]
    public async Task The_same_worker_id_in_two_tenants_is_two_workers()
    {
        await RegisterWorkerAsync(WorkerA, TenantA, maxConcurrency: 1);
        await RegisterWorkerAsync(WorkerA, TenantB, maxConcurrency: 9);

        await SetDrainingAsync(WorkerA, draining: true, tenant: TenantB);
        await HeartbeatWorkerAsync(WorkerA, 5, Now.AddSeconds(1), TenantB);

        var mine = Assert.Single(await ListWorkersAsync(TenantA));
        var theirs = Assert.Single(await ListWorkersAsync(TenantB));
        Assert.Equal((1, false, 0), (mine.MaxConcurrency, mine.Draining, mine.CurrentLoad));
        Assert.Equal((9, true, 5), (theirs.MaxConcurrency, theirs.Draining, theirs.CurrentLoad));
    }

    [Fact]
    public async Task A_worker_counts_as_stopped_after_sixty_silent_seconds()
    {
        var worker = await RegisterWorkerAsync(WorkerA);

        Assert.Equal(WorkerStatus.Active, worker.StatusAt(Now));
        Assert.Equal(WorkerStatus.Active, worker.StatusAt(Now.AddSeconds(60)));
        Assert.Equal(WorkerStatus.Stopped, worker.StatusAt(Now.AddSeconds(60).AddMilliseconds(1)));

        var beat = await HeartbeatWorkerAsync(WorkerA, 0, Now.AddSeconds(50));

        Assert.Equal(WorkerStatus.Active, beat.StatusAt(Now.AddSeconds(110)));
        Assert.Equal(WorkerStatus.Stopped, beat.StatusAt(Now.AddSeconds(111)));
    }

    [Fact]
    public async Task A_draining_worker_is_draining_until_it_goes_silent()
    {
        await RegisterWorkerAsync(WorkerA);

        var worker = await SetDrainingAsync(WorkerA, draining: true);

        Assert.Equal(WorkerStatus.Draining, worker.StatusAt(Now.AddSeconds(60)));
        Assert.Equal(WorkerStatus.Stopped, worker.StatusAt(Now.AddSeconds(61)));
    }

    [Fact]
    public async Task Deregistering_removes_the_worker_and_hands_its_tasks_back_at_once()
    {
        var tasks = NewTasks(3);
        await EnqueueAsync(tasks);
        await RegisterWorkerAsync(WorkerA);
        await RegisterWorkerAsync(WorkerB);
        var mine = await ClaimAsync(2, workerId: WorkerA);
        var theirs = await ClaimOneAsync(workerId: WorkerB);
        var leaveTime = Now.AddSeconds(5);

        var released = await DeregisterAsync(WorkerA, at: leaveTime);

        Assert.Equal(
            mine.Select(t => new ReclaimedTask(TenantA, t.Id, "email.send", DurqTaskStatus.Pending, leaveTime)).OrderBy(r => r.TaskId),
            released.OrderBy(r => r.TaskId));
        Assert.Equal([WorkerB], (await ListWorkersAsync()).Select(w => w.Id));
        foreach (var task in mine)
        {
            var stored = await GetAsync(task.Id);
            Assert.Equal(DurqTaskStatus.Pending, stored?.Status);
            Assert.Equal(0, stored?.Attempt);
            Assert.Equal(leaveTime, stored?.VisibleAt);
            Assert.Empty(ErrorsOf(stored));
            AssertNoLease(stored);
        }

        AssertSameTask(theirs, await GetAsync(theirs.Id));
    }

    [Fact]
    public async Task Tasks_handed_back_are_claimable_again_at_once()
    {
        await EnqueueAsync(NewTasks(2));
        var mine = await ClaimAsync(2, workerId: WorkerA);
        await DeregisterAsync(WorkerA, at: Now.AddSeconds(5));

        var again = await ClaimAsync(at: Now.AddSeconds(5), workerId: WorkerB);

        Assert.Equal(mine.Select(t => t.Id).Order(), again.Select(t => t.Id).Order());
        Assert.All(again, t => Assert.Equal(1, t.Attempt));
        Assert.All(again, t => Assert.DoesNotContain(t.LeaseId, mine.Select(m => m.LeaseId)));
    }

    [Fact]
    public async Task The_attempt_cut_short_by_deregistering_is_not_counted()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        var first = await ClaimOneAsync(workerId: WorkerB);
        var decision = await FailAsync(first, at: Now.AddSeconds(1));
        var second = await ClaimOneAsync(at: decision.NextVisibleAt, workerId: WorkerA);
        Assert.Equal(2, second.Attempt);

        await DeregisterAsync(WorkerA, at: decision.NextVisibleAt!.Value.AddSeconds(1));

        var stored = await GetAsync(task.Id);
        Assert.Equal(1, stored?.Attempt);
        Assert.Single(ErrorsOf(stored));
        Assert.Equal(2, (await ClaimOneAsync(at: decision.NextVisibleAt.Value.AddSeconds(1), workerId: WorkerB)).Attempt);
    }

    [Fact]
    public async Task Deregistering_hands_back_only_the_tasks_of_its_own_tenant()
    {
        var mine = NewTask();
        var theirs = NewTask();
        await EnqueueForAsync(TenantA, mine);
        await EnqueueForAsync(TenantB, theirs);
        await ClaimAsync(tenant: TenantA, workerId: WorkerA);
        var claimedInB = await ClaimOneAsync(tenant: TenantB, workerId: WorkerA);

        var released = await DeregisterAsync(WorkerA, TenantA);

        Assert.Equal([mine.Id], released.Select(r => r.TaskId));
        AssertSameTask(claimedInB, await GetAsync(theirs.Id, TenantB));
    }

    [Fact]
    public async Task Deregistering_a_worker_without_tasks_removes_it_and_hands_back_nothing()
    {
        await RegisterWorkerAsync(WorkerA);

        var released = await DeregisterAsync(WorkerA);

        Assert.Empty(released);
        Assert.Empty(await ListWorkersAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => HeartbeatWorkerAsync(WorkerA, 0, Now));
    }

    [Fact]
    public async Task Deregistering_an_unregistered_worker_that_holds_tasks_hands_them_back()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync(workerId: "never-registered");

        var released = await DeregisterAsync("never-registered");

        Assert.Equal([claimed.Id], released.Select(r => r.TaskId));
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(claimed.Id))?.Status);
    }

    [Fact]
    public async Task Deregistering_an_unknown_worker_without_tasks_is_not_found()
    {
        await RegisterWorkerAsync(WorkerA, TenantB);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => DeregisterAsync(WorkerA, TenantA));

        Assert.Equal(ProblemCodes.NotFound, error.Code);
        Assert.Single(await ListWorkersAsync(TenantB));
    }

    [Fact]
    public async Task A_deregistered_worker_may_register_afresh()
    {
        await RegisterWorkerAsync(WorkerA);
        await SetDrainingAsync(WorkerA, draining: true);
        await DeregisterAsync(WorkerA);

        var worker = await RegisterWorkerAsync(WorkerA, at: Now.AddMinutes(1));

        Assert.False(worker.Draining);
        Assert.Equal(Now.AddMinutes(1), worker.RegisteredAt);
    }

    /// <summary>Compares workers member by member (the activity type list has no value equality).</summary>
    private static void AssertSameWorker(Worker expected, Worker actual)
    {
        Assert.Equal(expected with { ActivityTypes = NoActivityTypes }, actual with { ActivityTypes = NoActivityTypes });
        Assert.Equal(expected.ActivityTypes, actual.ActivityTypes);
    }
}
