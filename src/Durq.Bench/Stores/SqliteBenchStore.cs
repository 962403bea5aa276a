using Microsoft.Data.Sqlite;

namespace Durq.Bench.Stores;

/// <summary>The embedded store: a new data folder inside each workload's work folder.</summary>
internal sealed class SqliteBenchStore : IBenchStore
{
    // Completed rows as the store leaves them (CompleteTasks.sql: lease and claim columns cleared), ids UUIDv7 text
    // whose 48-bit time is the row's own; one statement, so SQLite builds the rows and their index entries in one pass.
    private const string InsertCompletedTasks = """
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count)
        INSERT INTO durq_tasks (
            id, tenant, activity_type, input, status, priority, attempt, max_attempts, options,
            created_at, updated_at, visible_at, completed_at, timeout_seconds, lease_seconds)
        SELECT
            printf('%08x-%04x-7000-8000-%012x', ($first + i) >> 16, ($first + i) & 65535, i),
            $tenant, $activity_type, '{}', 'completed', 0, 1, 5, $options,
            $first + i, $first + i, $first + i, $first + i, 300, 30
        FROM n;
        INSERT INTO durq_counters (tenant, name, value) VALUES ($tenant, 'completed_tasks', $count), ($tenant, 'started_tasks', $count)
        ON CONFLICT (tenant, name) DO UPDATE SET value = value + excluded.value;
        """;

    public string Kind => "sqlite";

    public Task<string> DescribeAsync()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return Task.FromResult($"SQLite {command.ExecuteScalar()} (WAL, synchronous=FULL)");
    }

    public Task<string[]> CreateFreshAsync(string workDir) => Task.FromResult<string[]>(["--data-dir", DataDir(workDir)]);

    public async Task SeedCompletedTasksAsync(string workDir, int count)
    {
        var path = Path.Combine(DataDir(workDir), "durq.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        // Seeding needs no durability of its own (nothing runs until it has finished), and a rollback journal keeps
        // a million rows from passing through the WAL twice. The server switches back to WAL when it opens the file.
        await ExecuteAsync(connection, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF;");
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var first = SeededHistory.FirstMilliseconds(count);
            await using var insert = connection.CreateCommand();
            insert.CommandText = InsertCompletedTasks;
            insert.Parameters.AddWithValue("$count", count);
            insert.Parameters.AddWithValue("$first", first);
            insert.Parameters.AddWithValue("$tenant", SeededHistory.Tenant);
            insert.Parameters.AddWithValue("$activity_type", SeededHistory.ActivityType);
            insert.Parameters.AddWithValue("$options", SeededHistory.OptionsJson(first));
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;");
    }

    public Task DropAsync(string workDir) => Task.CompletedTask;

    public Task<string[]> CreatePeerStoreAsync(string workDir) => Task.FromResult<string[]>(["--data-dir", Path.Combine(workDir, "hangfire")]);

    public Task DropPeerStoreAsync(string workDir) => Task.CompletedTask;

    private static string DataDir(string workDir) => Path.Combine(workDir, "data");

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
