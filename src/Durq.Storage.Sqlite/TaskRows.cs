using Durq.Core.Tasks;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>Reads <c>durq_tasks</c> rows into <see cref="DurqTask"/>s, by column name.</summary>
internal static class TaskRows
{
    public static DurqTask? Get(SqliteCommand getTask, string tenant, Guid id)
    {
        getTask.Parameters.AddWithValue("$tenant", tenant);
        getTask.Parameters.AddWithValue("$id", TaskIds.Format(id));
        using var reader = getTask.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public static DurqTask Read(SqliteDataReader row) => new()
    {
        Id = Guid.Parse(row.GetString(row.GetOrdinal("id"))),
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
        LeaseId = Text(row, "lease_id") is { } lease ? Guid.Parse(lease) : null,
        LeaseExpiresAt = Time(row, "lease_expires_at"),
        TimeoutAt = Time(row, "timeout_at"),
        LastHeartbeatAt = Time(row, "last_heartbeat_at"),
        HeartbeatDetailsJson = Text(row, "heartbeat_details"),
        CompletedAt = Time(row, "completed_at"),
        ResultJson = Text(row, "result"),
        LastErrorJson = Text(row, "last_error"),
        ErrorsJson = Text(row, "errors"),
        CancelRequested = row.GetInt64(row.GetOrdinal("cancel_requested")) != 0,
        RequeueCount = row.GetInt32(row.GetOrdinal("requeue_count")),
        IdempotencyKey = Text(row, "idempotency_key"),
        Traceparent = Text(row, "traceparent"),
    };

    private static string? Text(SqliteDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
    }

    private static DateTimeOffset? Time(SqliteDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));
    }
}
