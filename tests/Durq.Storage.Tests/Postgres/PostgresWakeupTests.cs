using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// LISTEN/NOTIFY across nodes: work one store instance makes claimable is heard by every other instance on the same
/// database, and a listener whose connection dies connects again by itself.
/// </summary>
public sealed class PostgresWakeupTests : StoreTests
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    /// <summary>A tenant no other test uses: every test's announcements reach every listener of the database.</summary>
    private readonly string _tenant = "wake-" + Guid.NewGuid().ToString("N");
    private PostgresStoreHarness? _harness;

    private PostgresStoreHarness Harness => _harness ?? throw new InvalidOperationException("The harness is not created.");

    private protected override IStoreHarness CreateHarness() => _harness = new PostgresStoreHarness();

    [Fact]
    public async Task An_enqueue_on_one_node_is_heard_by_another_within_a_second()
    {
        var other = await Harness.OpenPostgresAsync();
        await using var listening = new Listening(other);
        await Harness.ListenerReadyAsync(except: []);

        await EnqueueForAsync(_tenant, NewTask("report.build"));

        Assert.Equal(new WorkAvailable(_tenant, "report.build"), await listening.NextForAsync(_tenant, WithinASecond));
    }

    [Fact]
    public async Task Work_of_two_tenants_is_heard_on_another_node_each_with_its_own_tenant()
    {
        var other = await Harness.OpenPostgresAsync();
        await using var listening = new Listening(other);
        await Harness.ListenerReadyAsync(except: []);
        var second = _tenant + "-b";

        await EnqueueForAsync(_tenant, NewTask("report.build"));
        await EnqueueForAsync(second, NewTask("report.build"));

        Assert.Equal(new WorkAvailable(_tenant, "report.build"), await listening.NextForAsync(_tenant, WithinASecond));
        Assert.Equal(new WorkAvailable(second, "report.build"), await listening.NextForAsync(second, WithinASecond));
    }

    [Fact]
    public async Task A_listener_whose_connection_was_killed_connects_again_and_hears_the_next_enqueue()
    {
        var other = await Harness.OpenPostgresAsync();
        await using var listening = new Listening(other);
        var first = await Harness.ListenerReadyAsync(except: []);

        Assert.Equal(1, await Harness.KillConnectionsAsync(" listener"));
        await Harness.ListenerReadyAsync(except: first);
        await EnqueueForAsync(_tenant, NewTask("report.build"));

        Assert.Equal(new WorkAvailable(_tenant, "report.build"), await listening.NextForAsync(_tenant, WithinASecond));
    }

    [Fact]
    public async Task Work_that_becomes_claimable_now_is_announced_and_a_delayed_enqueue_is_not()
    {
        await using var listening = new Listening((ITaskWakeupSource)Store);
        await Harness.ListenerReadyAsync(except: []);

        await EnqueueForAsync(_tenant, NewTask("later.send", options: DefaultOptions with { RunAt = Now.AddHours(1) }));
        await EnqueueForAsync(_tenant, NewTask("sms.send"));
        var claimed = Assert.Single(await ClaimAsync(tenant: _tenant, activityTypes: ["sms.send"]));
        await DeregisterAsync(WorkerA, _tenant);

        // The delayed task was enqueued first, so hearing the later ones in order proves it announced nothing.
        Assert.Equal("sms.send", (await listening.NextForAsync(_tenant, WithinASecond)).ActivityType);
        Assert.Equal("sms.send", (await listening.NextForAsync(_tenant, WithinASecond)).ActivityType);
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(claimed.Id, _tenant))?.Status);
    }
}
