using System.Text.Json;
using Durq.Core.Workers;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>Reads <c>durq_workers</c> rows.</summary>
internal static class WorkerRows
{
    public static List<Worker> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var workers = new List<Worker>();
        while (reader.Read())
        {
            workers.Add(Read(reader));
        }

        return workers;
    }

    public static Worker Read(SqliteDataReader row) => new()
    {
        Tenant = row.GetString(row.GetOrdinal("tenant")),
        Id = row.GetString(row.GetOrdinal("id")),
        ActivityTypes = JsonSerializer.Deserialize(row.GetString(row.GetOrdinal("activity_types")), StringArrayJson.Default.StringArray) ?? [],
        MaxConcurrency = row.GetInt32(row.GetOrdinal("max_concurrency")),
        WorkerGroup = Text(row, "worker_group"),
        Hostname = Text(row, "hostname"),
        Version = Text(row, "version"),
        CurrentLoad = row.GetInt32(row.GetOrdinal("current_load")),
        Draining = row.GetInt64(row.GetOrdinal("draining")) != 0,
        RegisteredAt = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(row.GetOrdinal("registered_at"))),
        LastHeartbeatAt = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(row.GetOrdinal("last_heartbeat_at"))),
    };

    /// <summary>A row of <c>SummarizeWorkers.sql</c>: active, draining, stopped, capacity, load.</summary>
    public static WorkerTotals ReadTotals(SqliteDataReader row) => new(
        Count(row, 0), Count(row, 1), Count(row, 2), Count(row, 3), Count(row, 4));

    // Capacity and load are sums of ints: with no cap on workers they could pass int.MaxValue, and then show it.
    private static int Count(SqliteDataReader row, int ordinal) => (int)Math.Min(row.GetInt64(ordinal), int.MaxValue);

    private static string? Text(SqliteDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
    }
}

/// <summary>String arrays as SQLite keeps them in text (a worker's activity types) or binds them for <c>json_each</c>.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class StringArrayJson : System.Text.Json.Serialization.JsonSerializerContext;
