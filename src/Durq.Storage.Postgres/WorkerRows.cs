using Durq.Core.Workers;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>Reads <c>durq_workers</c> rows.</summary>
internal static class WorkerRows
{
    public static async Task<List<Worker>> ReadAllAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var workers = new List<Worker>();
        while (await reader.ReadAsync())
        {
            workers.Add(Read(reader));
        }

        return workers;
    }

    public static Worker Read(NpgsqlDataReader row) => new()
    {
        Tenant = row.GetString(row.GetOrdinal("tenant")),
        Id = row.GetString(row.GetOrdinal("id")),
        ActivityTypes = row.GetFieldValue<string[]>(row.GetOrdinal("activity_types")),
        MaxConcurrency = row.GetInt32(row.GetOrdinal("max_concurrency")),
        WorkerGroup = TaskRows.Text(row, "worker_group"),
        Hostname = TaskRows.Text(row, "hostname"),
        Version = TaskRows.Text(row, "version"),
        CurrentLoad = row.GetInt32(row.GetOrdinal("current_load")),
        Draining = row.GetBoolean(row.GetOrdinal("draining")),
        RegisteredAt = TaskRows.Time(row, "registered_at")!.Value,
        LastHeartbeatAt = TaskRows.Time(row, "last_heartbeat_at")!.Value,
    };

    /// <summary>A row of <c>SummarizeWorkers.sql</c>: active, draining, stopped, capacity, load.</summary>
    public static WorkerTotals ReadTotals(NpgsqlDataReader row) => new(
        Count(row, 0), Count(row, 1), Count(row, 2), Count(row, 3), Count(row, 4));

    // Capacity and load are sums of ints: with no cap on workers they could pass int.MaxValue, and then show it.
    private static int Count(NpgsqlDataReader row, int ordinal) => (int)Math.Min(row.GetInt64(ordinal), int.MaxValue);
}
