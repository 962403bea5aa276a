using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Postgres;
using Durq.Storage.Tests.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Durq.Storage.Tests.Postgres;

/// <summary>Starting (migrations, several nodes at once) and surviving a lost connection.</summary>
public sealed class PostgresStoreLifecycleTests : StoreTests
{
    private PostgresStoreHarness? _harness;

    private PostgresStoreHarness Harness => _harness ?? throw new InvalidOperationException("The harness is not created.");

    private protected override IStoreHarness CreateHarness() => _harness = new PostgresStoreHarness();

    [Fact]
    public async Task Nodes_starting_at_once_on_an_empty_schema_all_migrate_it()
    {
        await using var fresh = new PostgresStoreHarness();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(fresh.OpenPostgresAsync)));

        var task = NewTask();
        await nodes[3].EnqueueAsync(new(TenantA, [task], null, 0, Now), CancellationToken.None);
        Assert.NotNull(await nodes[0].GetTaskAsync(TenantA, task.Id, CancellationToken.None));
        Assert.Equal((long)SqlText.Migrations().Count, await fresh.ScalarAsync("SELECT count(*) FROM {schema}.durq_schema_migrations"));
    }

    [Fact]
    public async Task Migrating_an_up_to_date_schema_changes_nothing()
    {
        await EnqueueAsync(NewTask());

        await Store.MigrateAsync(CancellationToken.None);
        await RestartStoreAsync();

        Assert.Single(await ListAllIdsAsync());
    }

    [Fact]
    public async Task The_description_names_the_server_and_database()
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresStoreHarness.BaseConnectionString);

        Assert.Equal($"PostgreSQL at {settings.Host}:{settings.Port}/{settings.Database}", Store.Description);
        await using var unreachable = new PostgresTaskStore(
            new PostgresStoreOptions { ConnectionString = "Host=db.example;Port=6543;Database=queue" }, NullLogger<PostgresTaskStore>.Instance);
        Assert.Equal("PostgreSQL at db.example:6543/queue", unreachable.Description);
    }

    [Fact]
    public async Task A_write_on_a_lost_connection_is_refused_as_unavailable_and_the_writer_connects_again()
    {
        var before = NewTask();
        await EnqueueAsync(before);

        Assert.Equal(1, await Harness.KillConnectionsAsync(" writer"));
        var lost = NewTask();
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => EnqueueAsync(lost));
        var after = NewTask();
        await EnqueueAsync(after);

        Assert.Equal(ProblemCodes.Unavailable, error.Code);
        Assert.NotNull(await GetAsync(before.Id));
        Assert.Null(await GetAsync(lost.Id));
        Assert.NotNull(await GetAsync(after.Id));
        Assert.Equal(2, (await StatsAsync()).PendingTasks);
    }

    [Fact]
    public async Task A_read_of_an_unreachable_database_is_unavailable()
    {
        // Nothing listens on port 1 of this machine: the connection is refused at once.
        await using var store = new PostgresTaskStore(
            new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1;Database=durq;Timeout=2" }, NullLogger<PostgresTaskStore>.Instance);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetTaskAsync(TenantA, Guid.CreateVersion7(Now), CancellationToken.None));

        Assert.Equal(ProblemCodes.Unavailable, error.Code);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_cap_of_a_tenant_is_counted_from_its_tasks_when_its_count_row_is_missing()
    {
        await EnqueueAsync(NewTasks(3));

        await Harness.ScalarAsync("DELETE FROM {schema}.durq_queue_counts");

        var error = await Assert.ThrowsAsync<QueueFullException>(() => EnqueueCappedAsync(3, NewTask()));
        Assert.Equal(3, error.Pending);
        Assert.Equal(3, (await ListAllIdsAsync(DurqTaskStatus.Pending)).Count);
    }

    [Fact]
    public async Task A_count_row_missing_under_enqueues_without_a_cap_is_made_again_from_the_tasks()
    {
        // Uncapped enqueues lock their count row in the batch's closing round trip; the row deleted beneath them loses
        // that batch's change, and the next batch makes the row again from the tasks (the harness checks the counts
        // against the tasks when the test ends).
        await EnqueueAsync(NewTasks(3));
        await Harness.ScalarAsync("DELETE FROM {schema}.durq_queue_counts");

        await EnqueueAsync(NewTasks(2));
        await EnqueueAsync(NewTasks(1));

        Assert.Equal(6L, await Harness.ScalarAsync("SELECT pending FROM {schema}.durq_queue_counts"));
    }

    [Fact]
    public async Task A_count_row_missing_under_a_claim_is_made_again_before_the_claim_counts_on_it()
    {
        // A claim locks its count row with its first read, in one round trip; finding the row gone there, it makes the
        // row again from the tasks and locks it before its own change, which is then kept.
        await EnqueueAsync(NewTasks(3));
        await Harness.ScalarAsync("DELETE FROM {schema}.durq_queue_counts");

        await ClaimOneAsync();

        Assert.Equal(2L, await Harness.ScalarAsync("SELECT pending FROM {schema}.durq_queue_counts"));
    }

    [Fact]
    public async Task A_count_row_missing_under_a_handed_off_claim_is_made_before_the_enqueue_it_follows_inserts()
    {
        // An enqueue with no key and no cap leaves its count lock and its insert to the batch's next statement, which a
        // claim handed off to the batch sends ahead of its first read. Finding the row gone there, the batch runs again
        // guarded, which makes the row before any insert: the enqueue's task is counted once, not twice.
        await EnqueueAsync(NewTasks(3));
        await Harness.ScalarAsync("DELETE FROM {schema}.durq_queue_counts");
        var handOff = Store.WaitForHandOff(new ClaimParams(TenantA, WorkerA, ["email.send"], 1, Now), () => Now, CancellationToken.None);

        await EnqueueAsync(NewTask());

        Assert.Single(await handOff.Claimed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3L, await Harness.ScalarAsync("SELECT pending FROM {schema}.durq_queue_counts"));
    }
}
