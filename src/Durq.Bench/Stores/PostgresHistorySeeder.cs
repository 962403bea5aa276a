using Npgsql;

namespace Durq.Bench.Stores;

/// <summary>Seeds completed tasks into a migrated Durq database on PostgreSQL, in one statement.</summary>
internal static class PostgresHistorySeeder
{
    // Completed rows as CompleteTasks.sql leaves them; ids are UUIDv7 whose 48-bit time is the row's own. The totals
    // go into shard 0 of durq_counters, which /health sums with whatever shard the server writes to.
    private const string InsertCompletedTasks = """
        INSERT INTO durq_tasks (
            id, tenant, activity_type, input, status, priority, attempt, max_attempts, options, timeout_seconds,
            lease_seconds, created_at, updated_at, visible_at, completed_at)
        SELECT
            (lpad(to_hex(ms >> 16), 8, '0') || '-' || lpad(to_hex(ms & 65535), 4, '0') || '-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
            @tenant, @activity_type, '{}', 'completed', 0, 1, 5, @options, 300, 30, at, at, at, at
        FROM generate_series(0, @count - 1) AS i,
            LATERAL (SELECT @first + i AS ms) AS row_time,
            LATERAL (SELECT to_timestamp(ms / 1000.0) AS at) AS row_timestamp;
        INSERT INTO durq_counters (tenant, name, shard, value)
        VALUES (@tenant, 'completed_tasks', 0, @count), (@tenant, 'started_tasks', 0, @count)
        ON CONFLICT (tenant, name, shard) DO UPDATE SET value = durq_counters.value + excluded.value;
        """;

    public static async Task SeedAsync(string connectionString, int count)
    {
        var first = SeededHistory.FirstMilliseconds(count);
        await using var connection = await PostgresBenchStore.OpenAsync(connectionString);
        await using (var insert = new NpgsqlCommand(InsertCompletedTasks, connection))
        {
            insert.CommandTimeout = 0;
            insert.Parameters.AddWithValue("count", count);
            insert.Parameters.AddWithValue("first", first);
            insert.Parameters.AddWithValue("tenant", SeededHistory.Tenant);
            insert.Parameters.AddWithValue("activity_type", SeededHistory.ActivityType);
            insert.Parameters.AddWithValue("options", SeededHistory.OptionsJson(first));
            await insert.ExecuteNonQueryAsync();
        }

        // A table that grew by a million rows in one go would have autovacuum and autoanalyze start on it during the
        // drain; a table that grew over time has had them. Doing both now measures the steady state.
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE durq_tasks", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }
}
