using Durq.Core.Storage;
using Durq.Storage.Postgres;
using Durq.Storage.Tests.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// PostgreSQL stores on a fresh schema of the test database (<c>DURQ_TEST_POSTGRES</c>), dropped when the harness is
/// disposed. A schema per harness rather than a database: creating and dropping a schema is a few catalog rows, while
/// CREATE DATABASE copies a template and takes a checkpoint, and the suite makes one per test. Stores of one harness
/// share the schema, as nodes share a database. On disposal the harness also checks that every tenant's pending count
/// row still matches its pending tasks, so no test can leave the counts drifting unnoticed.
/// </summary>
internal sealed class PostgresStoreHarness : IStoreHarness
{
    public const string ConnectionVariable = "DURQ_TEST_POSTGRES";

    private static readonly Lazy<NpgsqlDataSource> Admin = new(() => NpgsqlDataSource.Create(BaseConnectionString));

    private readonly List<PostgresTaskStore> _open = [];
    private readonly Lazy<Task> _created;

    public PostgresStoreHarness()
    {
        _created = new(CreateSchemaAsync);
        ConnectionString = new NpgsqlConnectionStringBuilder(BaseConnectionString)
        {
            SearchPath = Schema,
            // Names this harness's connections, so a test can find (and kill) them in pg_stat_activity.
            ApplicationName = Schema,
        }.ConnectionString;
    }

    /// <summary>The test database, from <c>DURQ_TEST_POSTGRES</c>; the suite fails rather than skip without it.</summary>
    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"The PostgreSQL store tests need a database: set {ConnectionVariable}, or run ./test.sh which starts PostgreSQL.");

    public string Schema { get; } = "durq_t_" + Guid.NewGuid().ToString("N");

    /// <summary>The connection string of this harness's schema.</summary>
    public string ConnectionString { get; }

    public async Task<ITaskStore> OpenAsync() => await OpenPostgresAsync();

    /// <summary>Opens another migrated store (another node) on this harness's schema.</summary>
    public async Task<PostgresTaskStore> OpenPostgresAsync()
    {
        await _created.Value;
        var store = new PostgresTaskStore(new PostgresStoreOptions { ConnectionString = ConnectionString }, NullLogger<PostgresTaskStore>.Instance);
        lock (_open)
        {
            _open.Add(store);
        }

        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Ends every connection of this harness's stores whose name ends with <paramref name="role"/> (" writer", " listener"); answers how many.</summary>
    public async Task<long> KillConnectionsAsync(string role) => (long)(await ScalarAsync(
        $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{Schema}{role}'"))!;

    /// <summary>The process ids of this harness's listeners that have run <c>LISTEN</c> and wait for announcements.</summary>
    public async Task<int[]> ListenerPidsAsync() => (int[])(await ScalarAsync(
        $"SELECT coalesce(array_agg(pid), '{{}}') FROM pg_stat_activity WHERE application_name = '{Schema} listener' AND query LIKE 'LISTEN%' AND state = 'idle'"))!;

    public async Task CloseAsync(ITaskStore store)
    {
        var postgres = (PostgresTaskStore)store;
        _open.Remove(postgres);
        await postgres.DisposeAsync();
    }

    /// <summary>Runs <paramref name="sql"/> with an administrative connection; <c>{schema}</c> in it names this harness's schema.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = Admin.Value.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Waits (ten seconds at most) until a listener of this harness other than <paramref name="except"/> is listening; answers the listeners' ids.</summary>
    public Task<int[]> ListenerReadyAsync(int[] except) => WaitUntil.ConditionAsync(
        ListenerPidsAsync, pids => pids.Except(except).Any(), $"a listener other than [{string.Join(", ", except)}] to run LISTEN",
        within: TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        _open.Clear();
        if (!_created.IsValueCreated)
        {
            return;
        }

        string? drift;
        try
        {
            drift = (string?)await ScalarAsync(
                """
                SELECT string_agg(format('%s: count row %s, pending tasks %s', tenant, coalesce(c.pending, 0), coalesce(t.pending, 0)), '; ')
                FROM (SELECT tenant, count(*) AS pending FROM {schema}.durq_tasks WHERE status = 'pending' GROUP BY tenant) AS t
                FULL JOIN {schema}.durq_queue_counts AS c USING (tenant)
                WHERE coalesce(c.pending, 0) <> coalesce(t.pending, 0)
                """);
        }
        finally
        {
            await using var drop = Admin.Value.CreateCommand($"DROP SCHEMA {Schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        if (drift is not null)
        {
            throw new InvalidOperationException($"Pending counts drifted from the tasks: {drift}");
        }
    }

    private async Task CreateSchemaAsync()
    {
        await using var command = Admin.Value.CreateCommand($"CREATE SCHEMA {Schema}");
        await command.ExecuteNonQueryAsync();
    }
}
