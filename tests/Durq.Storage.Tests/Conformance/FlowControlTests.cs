using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Per-activity-type settings, enforced by the claim: pause, the concurrency limit (under many concurrent claimers),
/// the rate limit over a fake clock, and the circuit breaker's transitions.
/// </summary>
public abstract class FlowControlTests : StoreTests
{
    private const string Limited = "email.send";
    private const string Other = "sms.send";

    [Fact]
    public async Task A_paused_type_is_never_claimed_and_resuming_it_lets_claims_take_it_again()
    {
        await EnqueueAsync([.. NewTasks(5, Limited), .. NewTasks(5, Other)]);

        await SetAsync(Limited, paused: true);
        var claimed = await ClaimAsync(20, activityTypes: [Limited, Other]);

        Assert.Equal(5, claimed.Count);
        Assert.All(claimed, task => Assert.Equal(Other, task.ActivityType));
        Assert.Empty(await ClaimAsync(20, activityTypes: [Limited]));

        await SetAsync(Limited, paused: false);
        Assert.Equal(5, (await ClaimAsync(20, activityTypes: [Limited])).Count);
    }

    [Fact]
    public async Task Sixteen_concurrent_claimers_never_hold_more_than_the_concurrency_limit()
    {
        const int limit = 3;
        const int taskCount = 120;
        await EnqueueAsync(NewTasks(taskCount, Limited));
        await SetAsync(Limited, maxConcurrency: new Setting<int?>(limit));
        var completed = 0;
        var mostSeen = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(n => Task.Run(async () =>
        {
            var random = new Random(n);
            var idle = 0;
            while (Volatile.Read(ref completed) < taskCount && idle < 2000)
            {
                var claimed = await ClaimAsync(random.Next(1, 5), workerId: $"worker-{n}");
                // Observed at every claim: what the store holds claimed, in a read of its own.
                var holding = (await StatsAsync()).ClaimedTasks;
                InterlockedMax(ref mostSeen, (int)holding);
                Assert.True(holding <= limit, $"{holding} tasks are claimed; the limit is {limit}.");
                if (claimed.Count == 0)
                {
                    idle++;
                    await Task.Yield();
                    continue;
                }

                await Task.WhenAll(claimed.Select(task => CompleteAsync(task)));
                Interlocked.Add(ref completed, claimed.Count);
            }
        })));

        Assert.Equal(taskCount, completed);
        Assert.Equal(taskCount, (await ListAllIdsAsync(DurqTaskStatus.Completed)).Count);
        Assert.InRange(mostSeen, 1, limit);
    }

    [Fact]
    public async Task The_rate_limit_allows_its_burst_then_its_rate_over_the_clock()
    {
        await EnqueueAsync(NewTasks(50, Limited));
        await SetAsync(Limited, rateLimit: new Setting<RateLimit>(new RateLimit(2, 4)));

        Assert.Equal(4, (await ClaimAsync(50, at: Now)).Count);
        Assert.Empty(await ClaimAsync(50, at: Now));
        Assert.Empty(await ClaimAsync(50, at: Now.AddMilliseconds(499)));
        Assert.Single(await ClaimAsync(50, at: Now.AddMilliseconds(500)));
        Assert.Equal(2, (await ClaimAsync(50, at: Now.AddMilliseconds(1500))).Count);
        // Tokens pile up to the burst, never beyond it.
        Assert.Equal(4, (await ClaimAsync(50, at: Now.AddSeconds(60))).Count);
        Assert.Empty(await ClaimAsync(50, at: Now.AddSeconds(60)));
    }

    [Fact]
    public async Task Concurrency_and_rate_limits_leave_the_other_types_of_a_claim_alone()
    {
        await EnqueueAsync([.. NewTasks(10, Limited), .. NewTasks(10, Other)]);
        await SetAsync(Limited, maxConcurrency: new Setting<int?>(2));

        var claimed = await ClaimAsync(20, activityTypes: [Limited, Other]);

        Assert.Equal(2, claimed.Count(t => t.ActivityType == Limited));
        Assert.Equal(10, claimed.Count(t => t.ActivityType == Other));
    }

    [Fact]
    public async Task Clearing_a_limit_lifts_it()
    {
        await EnqueueAsync(NewTasks(10, Limited));
        await SetAsync(Limited, maxConcurrency: new Setting<int?>(1));
        Assert.Single(await ClaimAsync(10));

        await SetAsync(Limited, maxConcurrency: new Setting<int?>(null));

        Assert.Equal(9, (await ClaimAsync(10)).Count);
    }

    [Fact]
    public async Task The_breaker_opens_after_failures_in_a_row_probes_after_its_open_time_and_closes_on_success()
    {
        await EnqueueAsync(NewTasks(20, Limited));
        await SetAsync(Limited, circuit: new Setting<CircuitSettings>(new CircuitSettings(3, 30)));

        foreach (var task in await ClaimAsync(3))
        {
            await FailAsync(task);
        }

        Assert.Equal(CircuitState.Open, (await TypeAsync(Limited)).Circuit.State);
        Assert.Empty(await ClaimAsync(10, at: Now.AddSeconds(29)));

        var probe = Assert.Single(await ClaimAsync(10, at: Now.AddSeconds(30)));
        Assert.Equal(CircuitState.HalfOpen, (await TypeAsync(Limited)).Circuit.State);
        Assert.Empty(await ClaimAsync(10, at: Now.AddSeconds(31)));

        await FailAsync(probe, at: Now.AddSeconds(32));
        Assert.Equal(CircuitState.Open, (await TypeAsync(Limited)).Circuit.State);
        Assert.Empty(await ClaimAsync(10, at: Now.AddSeconds(61)));

        var second = Assert.Single(await ClaimAsync(10, at: Now.AddSeconds(62)));
        await CompleteAsync(second, at: Now.AddSeconds(63));
        var closed = await TypeAsync(Limited);
        Assert.Equal(CircuitState.Closed, closed.Circuit.State);
        Assert.Equal(0, closed.Circuit.ConsecutiveFailures);
        Assert.Equal(10, (await ClaimAsync(10, at: Now.AddSeconds(64))).Count);
    }

    [Fact]
    public async Task A_success_between_failures_starts_the_count_again()
    {
        await EnqueueAsync(NewTasks(10, Limited));
        await SetAsync(Limited, circuit: new Setting<CircuitSettings>(new CircuitSettings(2, 30)));

        var tasks = await ClaimAsync(3);
        await FailAsync(tasks[0]);
        await CompleteAsync(tasks[1]);
        await FailAsync(tasks[2]);

        Assert.Equal(CircuitState.Closed, (await TypeAsync(Limited)).Circuit.State);
        Assert.NotEmpty(await ClaimAsync(1));
    }

    [Fact]
    public async Task A_probe_handed_back_by_its_worker_lets_another_probe_run()
    {
        await EnqueueAsync(NewTasks(5, Limited));
        await RegisterWorkerAsync(WorkerA, activityTypes: [Limited]);
        await SetAsync(Limited, circuit: new Setting<CircuitSettings>(new CircuitSettings(1, 10)));
        await FailAsync(Assert.Single(await ClaimAsync(1)));
        Assert.Single(await ClaimAsync(1, at: Now.AddSeconds(10)));

        await DeregisterAsync(WorkerA, at: Now.AddSeconds(11));

        Assert.Single(await ClaimAsync(5, at: Now.AddSeconds(12), workerId: WorkerB));
    }

    [Fact]
    public async Task A_breaker_forced_open_stays_open_until_it_is_closed()
    {
        await EnqueueAsync(NewTasks(5, Limited));
        await SetAsync(Limited, circuit: new Setting<CircuitSettings>(new CircuitSettings(3, 1)));

        var opened = await Store.SetCircuitAsync(new SetCircuitParams(TenantA, Limited, CircuitCommand.ForceOpen, Now), CancellationToken.None);

        Assert.Equal(CircuitState.Open, opened.Circuit.State);
        Assert.True(opened.Circuit.Forced);
        Assert.Empty(await ClaimAsync(5, at: Now.AddHours(1)));
        await Store.SetCircuitAsync(new SetCircuitParams(TenantA, Limited, CircuitCommand.Close, Now.AddHours(1)), CancellationToken.None);
        Assert.Equal(5, (await ClaimAsync(5, at: Now.AddHours(1))).Count);
    }

    [Fact]
    public async Task The_activity_type_list_shows_live_counts_settings_and_workers()
    {
        await EnqueueAsync([.. NewTasks(4, Limited), .. NewTasks(2, Other)]);
        await RegisterWorkerAsync(WorkerA, activityTypes: [Limited]);
        await SetAsync("idle.type", maxConcurrency: new Setting<int?>(7));
        var claimed = await ClaimAsync(1);
        await FailAsync(claimed[0], retryable: false);
        await ClaimAsync(1);

        var types = await Store.ListActivityTypesAsync(TenantA, Now, CancellationToken.None);

        Assert.Equal(["email.send", "idle.type", "sms.send"], types.Select(t => t.State.ActivityType));
        var email = types[0];
        Assert.Equal((2, 1, 1, 1), (email.Pending, email.Claimed, email.Dead, email.Workers));
        Assert.NotNull(email.OldestPendingAt);
        Assert.Equal(7, types[1].State.Settings.MaxConcurrency);
        Assert.Equal((0, 0, 0), (types[1].Pending, types[1].Claimed, types[1].Workers));
        Assert.Equal(2, types[2].Pending);
        Assert.Empty(await Store.ListActivityTypesAsync(TenantB, Now, CancellationToken.None));
    }

    [Fact]
    public async Task Settings_of_one_tenant_never_hold_back_another_tenants_claims()
    {
        await EnqueueAsync(NewTasks(3, Limited));
        await EnqueueForAsync(TenantB, NewTasks(3, Limited));

        await SetAsync(Limited, paused: true);

        Assert.Empty(await ClaimAsync(3));
        Assert.Equal(3, (await ClaimAsync(3, tenant: TenantB)).Count);
    }

    private Task<ActivityTypeState> SetAsync(
        string activityType, bool? paused = null, Setting<int?>? maxConcurrency = null, Setting<RateLimit>? rateLimit = null,
        Setting<CircuitSettings>? circuit = null) =>
        Store.SetActivityTypeAsync(new SetActivityTypeParams(TenantA, activityType, Now, paused, maxConcurrency, rateLimit, circuit), CancellationToken.None);

    private async Task<ActivityTypeState> TypeAsync(string activityType) =>
        (await Store.ListActivityTypesAsync(TenantA, Now, CancellationToken.None)).Single(t => t.State.ActivityType == activityType).State;

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
