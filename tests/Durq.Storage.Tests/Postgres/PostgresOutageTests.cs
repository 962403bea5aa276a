using Durq.Core.Errors;
using Durq.Storage.Postgres;
using Durq.Storage.Tests.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// A store whose database goes away (a restart, a network cut) and comes back: while it is away every write and read
/// is refused as unavailable, promptly; once it is back the same store instance writes, reads and listens again.
/// </summary>
public sealed class PostgresOutageTests : StoreTests
{
    private PostgresStoreHarness? _harness;

    private PostgresStoreHarness Harness => _harness ?? throw new InvalidOperationException("The harness is not created.");

    private protected override IStoreHarness CreateHarness() => _harness = new PostgresStoreHarness();

    [Fact]
    public async Task Writes_and_reads_while_the_database_is_away_are_unavailable_and_resume_when_it_is_back()
    {
        var settings = new NpgsqlConnectionStringBuilder(Harness.ConnectionString);
        await using var proxy = new CuttableProxy(settings.Host!, settings.Port);
        await using var store = await OpenThroughAsync(proxy);
        var before = NewTask();
        await store.EnqueueAsync(new(TenantA, [before], null, 0, Now), CancellationToken.None);

        proxy.Cut();
        var refused = NewTasks(3);
        foreach (var task in refused)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.EnqueueAsync(new(TenantA, [task], null, 0, Now), CancellationToken.None));
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetTaskAsync(TenantA, before.Id, CancellationToken.None));
        var claim = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            store.ClaimTasksAsync(new(TenantA, WorkerA, ["email.send"], 1, Now), CancellationToken.None));
        var retry = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.RetryDeadTasksAsync(new(TenantA, null, Now), CancellationToken.None));
        proxy.Restore();
        var after = NewTask();
        await store.EnqueueAsync(new(TenantA, [after], null, 0, Now), CancellationToken.None);

        Assert.NotNull(await store.GetTaskAsync(TenantA, after.Id, CancellationToken.None));
        Assert.Equal(new[] { before.Id, after.Id }.Order(), (await ListAllIdsAsync()).Order());
        // Each unconfirmed write is told what is safe for its own route; only an enqueue is told of its Idempotency-Key.
        Assert.Contains("Claiming again is safe", claim.Message, StringComparison.Ordinal);
        Assert.Contains("retries only the tasks that are still dead", retry.Message, StringComparison.Ordinal);
        Assert.All(new[] { claim, retry }, error => Assert.DoesNotContain("Idempotency-Key", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listener_cut_off_from_the_database_hears_work_again_once_it_is_back()
    {
        var settings = new NpgsqlConnectionStringBuilder(Harness.ConnectionString);
        await using var proxy = new CuttableProxy(settings.Host!, settings.Port);
        await using var store = await OpenThroughAsync(proxy);
        var tenant = "outage-" + Guid.NewGuid().ToString("N");
        await using var listening = new Listening(store);
        var first = await Harness.ListenerReadyAsync(except: []);

        proxy.Cut();
        proxy.Restore();
        await Harness.ListenerReadyAsync(except: first);
        await EnqueueForAsync(tenant, NewTask("report.build"));

        Assert.Equal("report.build", (await listening.NextForAsync(tenant, TimeSpan.FromSeconds(1))).ActivityType);
    }

    private async Task<PostgresTaskStore> OpenThroughAsync(CuttableProxy proxy)
    {
        var settings = new NpgsqlConnectionStringBuilder(Harness.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 5 };
        var store = new PostgresTaskStore(new PostgresStoreOptions { ConnectionString = settings.ConnectionString }, NullLogger<PostgresTaskStore>.Instance);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }
}
