using Durq.Core.Errors;
using Durq.Core.Workers;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// What keeps the worker registry small under abuse: the per-tenant cap on registered workers (exact under concurrent
/// registrations, stopped workers giving their places to new ones), the worker list a page at a time, and the summary
/// counted by the store over all the tenant's workers.
/// </summary>
public abstract class WorkerLimitsTests : StoreTests
{
    [Fact]
    public async Task A_new_worker_beyond_the_cap_is_refused_and_nothing_changes()
    {
        for (var i = 1; i <= 3; i++)
        {
            await RegisterWorkerAsync($"worker-{i}", maxWorkers: 3);
        }

        var error = await Assert.ThrowsAsync<WorkerLimitReachedException>(() => RegisterWorkerAsync("worker-4", maxWorkers: 3));

        Assert.Equal(ProblemCodes.WorkerLimitReached, error.Code);
        Assert.Equal((3, 3), (error.Registered, error.Cap));
        Assert.Equal(["worker-1", "worker-2", "worker-3"], (await ListWorkersAsync()).Select(w => w.Id));
    }

    [Fact]
    public async Task An_id_already_registered_may_register_again_at_the_cap()
    {
        await RegisterWorkerAsync("worker-1", maxWorkers: 2);
        await RegisterWorkerAsync("worker-2", maxWorkers: 2);

        var again = await RegisterWorkerAsync("worker-1", at: Now.AddSeconds(5), maxConcurrency: 9, maxWorkers: 2);

        Assert.Equal((9, Now.AddSeconds(5)), (again.MaxConcurrency, again.LastHeartbeatAt));
        Assert.Equal(2, (await ListWorkersAsync()).Count);
    }

    [Fact]
    public async Task The_refusal_says_when_the_longest_silent_worker_will_count_as_stopped()
    {
        await RegisterWorkerAsync("worker-1", at: Now, maxWorkers: 2);
        await RegisterWorkerAsync("worker-2", at: Now.AddSeconds(10), maxWorkers: 2);

        var error = await Assert.ThrowsAsync<WorkerLimitReachedException>(
            () => RegisterWorkerAsync("worker-3", at: Now.AddSeconds(20.5), maxWorkers: 2));

        // worker-1 was last heard at Now and counts as stopped after Now + 60 s: 39.5 s from the refusal, rounded up.
        Assert.Equal(40, error.RetryAfterSeconds);
    }

    [Fact]
    public async Task At_the_cap_a_new_worker_takes_the_place_of_stopped_ones()
    {
        await RegisterWorkerAsync("worker-1", at: Now, maxWorkers: 3);
        await RegisterWorkerAsync("worker-2", at: Now, maxWorkers: 3);
        await RegisterWorkerAsync("worker-3", at: Now.AddSeconds(30), maxWorkers: 3);
        var later = Now + Worker.StoppedAfter + TimeSpan.FromMilliseconds(1);

        await RegisterWorkerAsync("worker-4", at: later, maxWorkers: 3);

        Assert.Equal(["worker-3", "worker-4"], (await ListWorkersAsync()).Select(w => w.Id));
    }

    [Fact]
    public async Task A_worker_heard_from_exactly_sixty_seconds_ago_still_holds_its_place()
    {
        await RegisterWorkerAsync("worker-1", at: Now, maxWorkers: 1);

        await Assert.ThrowsAsync<WorkerLimitReachedException>(
            () => RegisterWorkerAsync("worker-2", at: Now + Worker.StoppedAfter, maxWorkers: 1));
        Assert.Equal(["worker-1"], (await ListWorkersAsync()).Select(w => w.Id));
    }

    [Fact]
    public async Task A_deregistered_worker_frees_its_place()
    {
        await RegisterWorkerAsync("worker-1", maxWorkers: 1);
        await DeregisterAsync("worker-1");

        await RegisterWorkerAsync("worker-2", maxWorkers: 1);

        Assert.Equal(["worker-2"], (await ListWorkersAsync()).Select(w => w.Id));
    }

    [Fact]
    public async Task A_cap_of_zero_is_no_cap()
    {
        for (var i = 0; i < 12; i++)
        {
            await RegisterWorkerAsync($"worker-{i:00}", maxWorkers: 0);
        }

        Assert.Equal(12, (await ListWorkersAsync()).Count);
    }

    [Fact]
    public async Task Concurrent_registrations_never_pass_the_cap()
    {
        const int cap = 5;
        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(() => RegisterWorkerAsync($"worker-{i:00}", maxWorkers: cap))).ToArray();

        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                return (await attempt).Id;
            }
            catch (WorkerLimitReachedException)
            {
                return null;
            }
        }));

        var registered = outcomes.OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(cap, registered.Count);
        Assert.Equal(registered, (await ListWorkersAsync()).Select(w => w.Id));
    }

    [Fact]
    public async Task Workers_are_listed_a_page_at_a_time_in_id_order()
    {
        foreach (var id in new[] { "w-3", "w-1", "w-5", "w-2", "w-4" })
        {
            await RegisterWorkerAsync(id);
        }

        var first = await ListWorkerPageAsync(limit: 2);
        var second = await ListWorkerPageAsync(limit: 2, after: first.NextAfter);
        var last = await ListWorkerPageAsync(limit: 2, after: second.NextAfter);

        Assert.Equal(["w-1", "w-2"], first.Workers.Select(w => w.Id));
        Assert.Equal("w-2", first.NextAfter);
        Assert.Equal(["w-3", "w-4"], second.Workers.Select(w => w.Id));
        Assert.Equal("w-4", second.NextAfter);
        Assert.Equal(["w-5"], last.Workers.Select(w => w.Id));
        Assert.Null(last.NextAfter);
    }

    [Fact]
    public async Task A_page_that_ends_the_list_exactly_has_no_next_page()
    {
        await RegisterWorkerAsync("w-1");
        await RegisterWorkerAsync("w-2");

        var page = await ListWorkerPageAsync(limit: 2);

        Assert.Equal(2, page.Workers.Count);
        Assert.Null(page.NextAfter);
    }

    [Fact]
    public async Task A_worker_that_joins_behind_the_cursor_does_not_shift_the_pages()
    {
        await RegisterWorkerAsync("w-2");
        await RegisterWorkerAsync("w-4");
        var first = await ListWorkerPageAsync(limit: 1);

        await RegisterWorkerAsync("w-1");
        var second = await ListWorkerPageAsync(limit: 1, after: first.NextAfter);

        Assert.Equal(["w-4"], second.Workers.Select(w => w.Id));
    }

    [Fact]
    public async Task The_summary_counts_every_worker_by_status_with_capacity_and_load()
    {
        await RegisterWorkerAsync("active-1", at: Now.AddSeconds(60), maxConcurrency: 4);
        await RegisterWorkerAsync("active-2", at: Now.AddSeconds(60), maxConcurrency: 6);
        await HeartbeatWorkerAsync("active-2", 5, Now.AddSeconds(60));
        await RegisterWorkerAsync("draining", at: Now.AddSeconds(60), maxConcurrency: 8);
        await SetDrainingAsync("draining", draining: true);
        await HeartbeatWorkerAsync("draining", 2, Now.AddSeconds(60));
        await RegisterWorkerAsync("stopped", at: Now, maxConcurrency: 16);
        await HeartbeatWorkerAsync("stopped", 7, Now);
        var at = Now.AddSeconds(60.5);

        var totals = await SummarizeWorkersAsync(at);

        Assert.Equal(new WorkerTotals(Active: 2, Draining: 1, Stopped: 1, Capacity: 10, Load: 7), totals);
        var statuses = (await ListWorkersAsync()).Select(w => w.StatusAt(at)).ToList();
        Assert.Equal(
            (totals.Active, totals.Draining, totals.Stopped),
            (statuses.Count(s => s == WorkerStatus.Active), statuses.Count(s => s == WorkerStatus.Draining), statuses.Count(s => s == WorkerStatus.Stopped)));
    }

    [Fact]
    public async Task The_summary_counts_a_worker_as_stopped_exactly_when_its_status_says_so()
    {
        await RegisterWorkerAsync(WorkerA, at: Now);

        Assert.Equal(new WorkerTotals(1, 0, 0, 4, 0), await SummarizeWorkersAsync(Now + Worker.StoppedAfter));
        Assert.Equal(new WorkerTotals(0, 0, 1, 0, 0), await SummarizeWorkersAsync(Now + Worker.StoppedAfter + TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task The_summary_of_a_tenant_without_workers_is_all_zeros()
    {
        Assert.Equal(new WorkerTotals(0, 0, 0, 0, 0), await SummarizeWorkersAsync(Now));
    }
}
