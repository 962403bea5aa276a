using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// Firers on two nodes (two stores on one schema, each with its own writer) racing for the same due times: each fire
/// time enqueues one task, whichever node wins, the loser waiting on the schedule's row and then finding it moved on.
/// </summary>
public sealed class PostgresScheduleRaceTests : StoreTests
{
    private PostgresStoreHarness? _harness;

    private protected override IStoreHarness CreateHarness() => _harness = new PostgresStoreHarness();

    [Fact]
    public async Task Two_nodes_firing_the_same_due_times_enqueue_one_task_per_time()
    {
        var other = await (_harness ?? throw new InvalidOperationException("The harness is not created.")).OpenPostgresAsync();
        IScheduleStore[] nodes = [(IScheduleStore)Store, other];
        var schedule = new Schedule
        {
            Id = TaskIds.New(Now),
            Tenant = TenantA,
            Name = "every-second",
            ActivityType = "email.send",
            InputJson = "{}",
            OptionsJson = "{}",
            Cron = "* * * * * *",
            TimeZone = "UTC",
            Overlap = ScheduleOverlap.Allow,
            CatchUp = ScheduleCatchUp.None,
            Paused = false,
            CreatedAt = Now,
            UpdatedAt = Now,
        }.StartedAt(Now);
        await nodes[0].CreateScheduleAsync(schedule, CancellationToken.None);
        var first = schedule.NextFireAt!.Value;

        // 30 fire times; for each, both nodes fire at once, several times over, a little after the time.
        var fired = 0;
        for (var i = 0; i < 30; i++)
        {
            var at = first.AddSeconds(i).AddMilliseconds(100);
            var fires = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(() =>
                nodes[n % 2].FireScheduleAsync(new FireScheduleParams(TenantA, schedule.Id, 0, at), CancellationToken.None))));
            fired += fires.Sum(f => f.Count);
        }

        var tasks = (await ListAsync(limit: 100)).Tasks;
        Assert.Equal(30, fired);
        Assert.Equal(30, tasks.Count);
        Assert.Equal([.. Enumerable.Range(0, 30).Select(i => first.AddSeconds(i))], tasks.Select(t => t.Options.ScheduledFor!.Value).Order());
    }
}
