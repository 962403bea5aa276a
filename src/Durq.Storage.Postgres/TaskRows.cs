using Durq.Core.Tasks;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>Reads <c>durq_tasks</c> rows into <see cref="DurqTask"/>s, by column name.</summary>
internal static class TaskRows
{
    public static async Task<List<DurqTask>> ReadAllAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var tasks = new List<DurqTask>();
        while (await reader.ReadAsync())
        {
            tasks.Add(Read(reader));
        }

        return tasks;
    }

    public static async Task<DurqTask?> GetAsync(NpgsqlCommand getTask, string tenant, Guid id) =>
        (await ReadAllAsync(getTask.With("tenant", tenant).With("id", id))).SingleOrDefault();

    public static DurqTask Read(NpgsqlDataReader row) => new()
    {
        Id = row.GetGuid(row.GetOrdinal("id")),
        Tenant = row.GetString(row.GetOrdinal("tenant")),
        ActivityType = row.GetString(row.GetOrdinal("activity_type")),
        InputJson = row.GetString(row.GetOrdinal("input")),
        Status = DurqTaskStatusNames.Parse(row.GetString(row.GetOrdinal("status"))),
        Priority = row.GetInt32(row.GetOrdinal("priority")),
        Attempt = row.GetInt32(row.GetOrdinal("attempt")),
        MaxAttempts = row.GetInt32(row.GetOrdinal("max_attempts")),
        Options = TaskOptionsJson.Deserialize(row.GetString(row.GetOrdinal("options"))),
        CreatedAt = Time(row, "created_at")!.Value,
        UpdatedAt = Time(row, "updated_at")!.Value,
        VisibleAt = Time(row, "visible_at")!.Value,
        ClaimedBy = Text(row, "claimed_by"),
        ClaimedAt = Time(row, "claimed_at"),
        LeaseId = row.IsDBNull(row.GetOrdinal("lease_id")) ? null : row.GetGuid(row.GetOrdinal("lease_id")),
        LeaseExpiresAt = Time(row, "lease_expires_at"),
        TimeoutAt = Time(row, "timeout_at"),
        LastHeartbeatAt = Time(row, "last_heartbeat_at"),
        HeartbeatDetailsJson = Text(row, "heartbeat_details"),
        CompletedAt = Time(row, "completed_at"),
        ResultJson = Text(row, "result"),
        LastErrorJson = Text(row, "last_error"),
        ErrorsJson = Text(row, "errors"),
        CancelRequested = row.GetBoolean(row.GetOrdinal("cancel_requested")),
        RequeueCount = row.GetInt32(row.GetOrdinal("requeue_count")),
        IdempotencyKey = Text(row, "idempotency_key"),
        Traceparent = Text(row, "traceparent"),
    };

    public static string? Text(NpgsqlDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
    }

    public static DateTimeOffset? Time(NpgsqlDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetFieldValue<DateTimeOffset>(ordinal);
    }
}
