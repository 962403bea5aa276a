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
}
