using Durq.Core.Errors;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Schedules: each fire time enqueues exactly one task, carrying the schedule's id and the time; daylight saving time in
/// two zones, catch-up after a gap, overlap <c>skip</c>, pause, trigger and the executions list. The clock is driven by
/// hand: a fire is called at the time a firer would call it.
/// </summary>
public abstract class ScheduleTests : StoreTests
{
    /// <summary>How late after a fire time the test's firer runs, as a real one a few hundred milliseconds behind would.</summary>
    private static readonly TimeSpan FirerLag = TimeSpan.FromMilliseconds(250);

    private protected IScheduleStore Schedules => (IScheduleStore)Store;

    private protected static Schedule NewSchedule(
        string cron, string timeZone = "UTC", DateTimeOffset? at = null, string name = "nightly",
        ScheduleCatchUp catchUp = ScheduleCatchUp.None, ScheduleOverlap overlap = ScheduleOverlap.Allow, string tenant = TenantA) =>
        new Schedule
        {
            Id = TaskIds.New(at ?? Now),
            Tenant = tenant,
            Name = name,
            ActivityType = "email.send",
            InputJson = """{"report":"daily"}""",
            OptionsJson = """{"max_attempts":3}""",
            Cron = cron,
            TimeZone = timeZone,
            Overlap = overlap,
            CatchUp = catchUp,
            Paused = false,
            CreatedAt = at ?? Now,
            UpdatedAt = at ?? Now,
        }.StartedAt(at ?? Now);

    private protected Task<Schedule> CreateAsync(Schedule schedule) => Schedules.CreateScheduleAsync(schedule, CancellationToken.None);

    private protected Task<IReadOnlyList<ScheduleExecution>> FireAsync(Schedule schedule, DateTimeOffset at, long maxPending = 0) =>
        Schedules.FireScheduleAsync(new FireScheduleParams(schedule.Tenant, schedule.Id, maxPending, at), CancellationToken.None);

    private protected async Task<Schedule> ReadAsync(Schedule schedule) =>
        await Schedules.GetScheduleAsync(schedule.Tenant, schedule.Id, CancellationToken.None)
        ?? throw new InvalidOperationException("The schedule is gone.");

    /// <summary>Fires the schedule at each of its fire times up to <paramref name="until"/>, as a firer would, a little late.</summary>
    private protected async Task RunFirerAsync(Schedule schedule, DateTimeOffset until)
    {
        while ((await ReadAsync(schedule)).NextFireAt is { } next && next <= until)
        {
            Assert.NotEmpty(await FireAsync(schedule, next + FirerLag));
        }
    }

    /// <summary>The fire times of the tenant's tasks of the schedule, oldest first.</summary>
    private protected async Task<List<DateTimeOffset>> FiredTimesAsync(Schedule schedule)
    {
        var tasks = (await ListAsync(limit: 1000)).Tasks.Where(t => t.Options.ScheduleId == schedule.Id).ToList();
        return [.. tasks.Select(t => t.Options.ScheduledFor!.Value).Order()];
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_schedule_reads_back_as_stored_and_a_second_of_its_name_is_refused_naming_the_first()
    {
        var schedule = await CreateAsync(NewSchedule("*/5 * * * *"));

        var read = await ReadAsync(schedule);
        var duplicate = await Assert.ThrowsAsync<ScheduleExistsException>(() => CreateAsync(NewSchedule("0 * * * *")));
        var other = await CreateAsync(NewSchedule("0 * * * *", tenant: TenantB));

        Assert.Equal(schedule, read);
        Assert.Equal(Utc(3, 14, 15, 10), read.NextFireAt);
        Assert.Equal(schedule.Id, duplicate.ExistingScheduleId);
        Assert.Equal(other, await Schedules.GetScheduleAsync(TenantB, other.Id, CancellationToken.None));
        Assert.Null(await Schedules.GetScheduleAsync(TenantB, schedule.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_fire_enqueues_one_task_carrying_the_schedule_and_its_time_and_moves_on()
    {
        var schedule = await CreateAsync(NewSchedule("*/5 * * * *"));
        var fireTime = Utc(3, 14, 15, 10);

        Assert.Empty(await FireAsync(schedule, fireTime.AddMilliseconds(-1)));
        var fired = Assert.Single(await FireAsync(schedule, fireTime + FirerLag));
        Assert.Empty(await FireAsync(schedule, fireTime + FirerLag));

        var task = await GetAsync(fired.TaskId!.Value);
        Assert.NotNull(task);
        Assert.Equal((ExecutionKind.Cron, ExecutionOutcome.Fired, fireTime), (fired.Kind, fired.Outcome, fired.ScheduledFor));
        Assert.Equal(("email.send", """{"report":"daily"}""", 3), (task.ActivityType, task.InputJson, task.MaxAttempts));
        Assert.Equal((schedule.Id, fireTime), (task.Options.ScheduleId, task.Options.ScheduledFor));
        Assert.Equal(fireTime + FirerLag, task.CreatedAt);
        Assert.Equal(fireTime.AddMinutes(5), (await ReadAsync(schedule)).NextFireAt);
        Assert.Equal(task.Id, (await ReadAsync(schedule)).LastTaskId);
        Assert.Equal(1, (await StatsAsync()).PendingTasks);
    }

    [Fact]
    public async Task Daily_at_0230_in_Berlin_fires_once_a_day_across_both_changes_of_the_clock()
    {
        var spring = await CreateAsync(NewSchedule("30 2 * * *", "Europe/Berlin", at: Utc(3, 27, 12, 0), name: "spring"));
        var autumn = await CreateAsync(NewSchedule("30 2 * * *", "Europe/Berlin", at: Utc(10, 23, 12, 0), name: "autumn"));

        await RunFirerAsync(spring, Utc(3, 31, 0, 0));
        await RunFirerAsync(autumn, Utc(10, 27, 0, 0));

        // 29 March has no 02:30 (02:00 CET → 03:00 CEST): it fires at 03:00 CEST. 25 October has two: it fires at the first.
        Assert.Equal([Utc(3, 28, 1, 30), Utc(3, 29, 1, 0), Utc(3, 30, 0, 30)], await FiredTimesAsync(spring));
        Assert.Equal([Utc(10, 24, 0, 30), Utc(10, 25, 0, 30), Utc(10, 26, 1, 30)], await FiredTimesAsync(autumn));
    }

    [Fact]
    public async Task Daily_at_0230_in_New_York_fires_once_a_day_across_both_changes_of_the_clock()
    {
        var spring = await CreateAsync(NewSchedule("30 2 * * *", "America/New_York", at: Utc(3, 6, 12, 0), name: "spring"));
        var autumn = await CreateAsync(NewSchedule("30 2 * * *", "America/New_York", at: Utc(10, 30, 12, 0), name: "autumn"));

        await RunFirerAsync(spring, Utc(3, 10, 0, 0));
        await RunFirerAsync(autumn, Utc(11, 3, 0, 0));

        // 8 March has no 02:30 (02:00 EST → 03:00 EDT): it fires at 03:00 EDT. On 1 November 02:30 comes once, in EST.
        Assert.Equal([Utc(3, 7, 7, 30), Utc(3, 8, 7, 0), Utc(3, 9, 6, 30)], await FiredTimesAsync(spring));
        Assert.Equal([Utc(10, 31, 6, 30), Utc(11, 1, 7, 30), Utc(11, 2, 7, 30)], await FiredTimesAsync(autumn));
    }

    [Fact]
    public async Task After_a_gap_catch_up_none_fires_nothing_one_fires_the_latest_and_all_fires_every_missed_time()
    {
        var none = await CreateAsync(NewSchedule("* * * * *", name: "none", catchUp: ScheduleCatchUp.None));
        var one = await CreateAsync(NewSchedule("* * * * *", name: "one", catchUp: ScheduleCatchUp.One));
        var all = await CreateAsync(NewSchedule("* * * * *", name: "all", catchUp: ScheduleCatchUp.All));
        var first = Utc(3, 14, 15, 10);
        var back = first.AddMinutes(10).AddSeconds(30);

        Assert.Empty(await FireAsync(none, back));
        Assert.Single(await FireAsync(one, back));
        Assert.Equal(11, (await FireAsync(all, back)).Count);

        Assert.Empty(await FiredTimesAsync(none));
        Assert.Equal([first.AddMinutes(10)], await FiredTimesAsync(one));
        Assert.Equal([.. Enumerable.Range(0, 11).Select(i => first.AddMinutes(i))], await FiredTimesAsync(all));
        Assert.All(await Task.WhenAll(new[] { none, one, all }.Select(ReadAsync)), s => Assert.Equal(first.AddMinutes(11), s.NextFireAt));
    }

    [Fact]
    public async Task Overlap_skip_records_a_skipped_time_while_the_last_task_is_unfinished()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *", overlap: ScheduleOverlap.Skip));
        var first = Utc(3, 14, 15, 10);

        var fired = Assert.Single(await FireAsync(schedule, first + FirerLag));
        var skipped = Assert.Single(await FireAsync(schedule, first.AddMinutes(1) + FirerLag));
        await CompleteAsync(await ClaimOneAsync(at: first.AddMinutes(1) + FirerLag), at: first.AddMinutes(1).AddSeconds(1));
        var again = Assert.Single(await FireAsync(schedule, first.AddMinutes(2) + FirerLag));

        Assert.Equal((ExecutionOutcome.Skipped, "overlap", null), (skipped.Outcome, skipped.Reason, skipped.TaskId));
        Assert.Equal(ExecutionOutcome.Fired, again.Outcome);
        Assert.Equal([first, first.AddMinutes(2)], await FiredTimesAsync(schedule));
        var page = await Schedules.ListScheduleExecutionsAsync(new ListExecutionsParams(TenantA, schedule.Id, 10, null, null), CancellationToken.None);
        Assert.Equal([again, skipped, fired], page.Executions);
        Assert.Null(page.Last);
    }

    [Fact]
    public async Task A_fired_task_counts_as_enqueued_in_the_tenants_totals()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *"));
        var first = Utc(3, 14, 15, 10);
        await RunFirerAsync(schedule, first.AddMinutes(1));

        Assert.True(await Store.RecordSampleAsync(new RecordSampleParams(TenantA, first.AddMinutes(2)), CancellationToken.None));
        var sample = Assert.Single(await Store.ListSamplesAsync(TenantA, LongAgo, CancellationToken.None));

        Assert.Equal((2L, 2L), (sample.Enqueued, sample.Pending));
    }

    [Fact]
    public async Task Retention_deletes_executions_recorded_before_the_finished_tasks_cutoff_and_the_times_stay_fired_once()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *"));
        var first = Utc(3, 14, 15, 10);
        await RunFirerAsync(schedule, first.AddMinutes(3));

        var purged = await PurgeAsync(finishedBefore: first.AddMinutes(2));

        Assert.Equal(2, purged.ScheduleExecutions);
        var page = await Schedules.ListScheduleExecutionsAsync(new ListExecutionsParams(TenantA, schedule.Id, 10, null, null), CancellationToken.None);
        Assert.Equal([first.AddMinutes(3), first.AddMinutes(2)], page.Executions.Select(e => e.ScheduledFor));
        // The schedule goes on from its next fire time: nothing before it fires again.
        await RunFirerAsync(schedule, first.AddMinutes(4));
        Assert.Equal([first, first.AddMinutes(1), first.AddMinutes(2), first.AddMinutes(3), first.AddMinutes(4)], await FiredTimesAsync(schedule));
    }

    [Fact]
    public async Task Overlap_skip_with_catch_up_all_fires_the_first_missed_time_and_skips_the_rest()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *", overlap: ScheduleOverlap.Skip, catchUp: ScheduleCatchUp.All));

        var executions = await FireAsync(schedule, Utc(3, 14, 15, 12).AddSeconds(1));

        Assert.Equal([ExecutionOutcome.Fired, ExecutionOutcome.Skipped, ExecutionOutcome.Skipped], executions.Select(e => e.Outcome));
        Assert.Equal([Utc(3, 14, 15, 10)], await FiredTimesAsync(schedule));
    }

    [Fact]
    public async Task Many_fires_of_one_due_time_at_once_and_after_a_restart_enqueue_one_task()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *"));
        var due = Utc(3, 14, 15, 10) + FirerLag;

        var fires = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => FireAsync(schedule, due))));
        await RestartStoreAsync();
        var afterRestart = await FireAsync(schedule, due);

        Assert.Equal(1, fires.Sum(f => f.Count));
        Assert.Empty(afterRestart);
        Assert.Equal([Utc(3, 14, 15, 10)], await FiredTimesAsync(schedule));
    }

    [Fact]
    public async Task A_paused_schedule_is_not_due_and_resumes_from_now_without_catching_up()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *", catchUp: ScheduleCatchUp.All));
        var later = Now.AddMinutes(30);

        var paused = await Schedules.UpdateScheduleAsync(new UpdateScheduleParams(TenantA, schedule.Id, SchedulePatch.Pause, Now), CancellationToken.None);
        var dueWhilePaused = await Schedules.DueSchedulesAsync(later, 10, CancellationToken.None);
        var fireWhilePaused = await FireAsync(schedule, later);
        var resumed = await Schedules.UpdateScheduleAsync(new UpdateScheduleParams(TenantA, schedule.Id, SchedulePatch.Resume, later), CancellationToken.None);

        Assert.True(paused.Paused);
        Assert.Null(paused.NextFireAt);
        Assert.Empty(dueWhilePaused);
        Assert.Empty(fireWhilePaused);
        Assert.Equal(Utc(3, 14, 15, 40), resumed.NextFireAt);
        Assert.Equal(resumed.NextFireAt, await Schedules.NextFireAtAsync(CancellationToken.None));
        Assert.Equal([new DueSchedule(TenantA, schedule.Id)], await Schedules.DueSchedulesAsync(resumed.NextFireAt!.Value, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_trigger_fires_now_even_when_paused_and_never_takes_a_cron_fire_of_the_same_instant()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *"));
        var cronTime = Utc(3, 14, 15, 10);

        var triggered = await Schedules.TriggerScheduleAsync(new FireScheduleParams(TenantA, schedule.Id, 0, cronTime), CancellationToken.None);
        var cron = Assert.Single(await FireAsync(schedule, cronTime));
        await Schedules.UpdateScheduleAsync(new UpdateScheduleParams(TenantA, schedule.Id, SchedulePatch.Pause, cronTime), CancellationToken.None);
        var whilePaused = await Schedules.TriggerScheduleAsync(new FireScheduleParams(TenantA, schedule.Id, 0, cronTime.AddMinutes(5)), CancellationToken.None);

        Assert.Equal((ExecutionKind.Trigger, ExecutionOutcome.Fired), (triggered.Kind, triggered.Outcome));
        Assert.Equal((ExecutionKind.Cron, ExecutionOutcome.Fired), (cron.Kind, cron.Outcome));
        Assert.Equal(ExecutionOutcome.Fired, whilePaused.Outcome);
        Assert.Equal([cronTime, cronTime, cronTime.AddMinutes(5)], await FiredTimesAsync(schedule));
        Assert.Equal(whilePaused.TaskId, (await ReadAsync(schedule)).LastTaskId);
    }

    [Fact]
    public async Task A_fire_that_would_pass_the_tenants_cap_is_skipped_as_queue_full()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *"));
        await EnqueueAsync(NewTask());

        var skipped = Assert.Single(await FireAsync(schedule, Utc(3, 14, 15, 10), maxPending: 1));

        Assert.Equal((ExecutionOutcome.Skipped, "queue_full"), (skipped.Outcome, skipped.Reason));
        Assert.Equal(1, (await StatsAsync()).PendingTasks);
    }

    [Fact]
    public async Task Patching_renames_and_restarts_on_a_new_cron_and_a_taken_name_is_refused()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *"));
        var other = await CreateAsync(NewSchedule("* * * * *", name: "other"));

        var patched = await Schedules.UpdateScheduleAsync(
            new UpdateScheduleParams(TenantA, schedule.Id, new SchedulePatch { Name = "renamed", Cron = "0 0 1 * *" }, Now), CancellationToken.None);
        var taken = await Assert.ThrowsAsync<ScheduleExistsException>(() => Schedules.UpdateScheduleAsync(
            new UpdateScheduleParams(TenantA, schedule.Id, new SchedulePatch { Name = "other" }, Now), CancellationToken.None));

        Assert.Equal(("renamed", Utc(4, 1, 0, 0)), (patched.Name, patched.NextFireAt));
        Assert.Equal(other.Id, taken.ExistingScheduleId);
        Assert.Equal(patched, await ReadAsync(schedule));
    }

    [Fact]
    public async Task Deleting_a_schedule_removes_it_and_its_executions_and_keeps_its_tasks()
    {
        var schedule = await CreateAsync(NewSchedule("* * * * *"));
        var fired = Assert.Single(await FireAsync(schedule, Utc(3, 14, 15, 10)));

        await Schedules.DeleteScheduleAsync(TenantA, schedule.Id, CancellationToken.None);

        Assert.Null(await Schedules.GetScheduleAsync(TenantA, schedule.Id, CancellationToken.None));
        Assert.Empty((await Schedules.ListScheduleExecutionsAsync(new ListExecutionsParams(TenantA, schedule.Id, 10, null, null), CancellationToken.None)).Executions);
        Assert.NotNull(await GetAsync(fired.TaskId!.Value));
        await Assert.ThrowsAsync<NotFoundException>(() => Schedules.DeleteScheduleAsync(TenantA, schedule.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Schedules_and_executions_page_by_their_cursors()
    {
        var schedules = new List<Schedule>();
        for (var i = 0; i < 3; i++)
        {
            schedules.Add(await CreateAsync(NewSchedule("* * * * *", at: Now.AddMilliseconds(i), name: $"s{i}", catchUp: ScheduleCatchUp.All)));
        }

        await FireAsync(schedules[0], Utc(3, 14, 15, 14));
        var first = await Schedules.ListSchedulesAsync(new ListSchedulesParams(TenantA, 2, null), CancellationToken.None);
        var second = await Schedules.ListSchedulesAsync(new ListSchedulesParams(TenantA, 2, first.NextCursor), CancellationToken.None);
        var newest = await Schedules.ListScheduleExecutionsAsync(new ListExecutionsParams(TenantA, schedules[0].Id, 3, null, null), CancellationToken.None);
        var older = await Schedules.ListScheduleExecutionsAsync(
            new ListExecutionsParams(TenantA, schedules[0].Id, 3, newest.Last!.ScheduledFor, newest.Last.Kind), CancellationToken.None);

        Assert.Equal(schedules.Select(s => s.Id), first.Schedules.Concat(second.Schedules).Select(s => s.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal([.. Enumerable.Range(0, 5).Reverse().Select(i => Utc(3, 14, 15, 10 + i))],
            newest.Executions.Concat(older.Executions).Select(e => e.ScheduledFor));
        Assert.Null(older.Last);
    }
}
