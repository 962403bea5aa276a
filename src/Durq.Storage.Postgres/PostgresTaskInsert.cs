using Durq.Core.Storage;
using Durq.Core.Tasks;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// The tasks of the enqueues a batch has accepted but not yet written. Consecutive enqueues share one INSERT (one
/// round trip for a whole batch of them) instead of one statement each; the writer writes it before any write that
/// might read those rows, and with the batch's closing statements.
/// </summary>
internal sealed class PostgresTaskInsert
{
    private readonly List<EnqueueParams> _requests = [];

    public bool IsEmpty => _requests.Count == 0;

    public void Add(EnqueueParams request) => _requests.Add(request);

    public void Clear() => _requests.Clear();

    /// <summary>The INSERT of every task gathered so far, in request order.</summary>
    public NpgsqlBatchCommand ToStatement()
    {
        var rows = _requests.SelectMany(r => r.Tasks.Select(t => (Request: r, Task: t))).ToArray();
        return new NpgsqlBatchCommand(SqlText.Query("InsertTasks"))
            .With<Guid[]>("ids", [.. rows.Select(r => r.Task.Id)])
            .With<string[]>("tenants", [.. rows.Select(r => r.Request.Tenant)])
            .With<string[]>("activity_types", [.. rows.Select(r => r.Task.ActivityType)])
            .With<string[]>("inputs", [.. rows.Select(r => r.Task.InputJson)])
            .With<int[]>("priorities", [.. rows.Select(r => r.Task.Options.Priority)])
            .With<int[]>("max_attempts", [.. rows.Select(r => r.Task.Options.MaxAttempts)])
            .With<string[]>("options", [.. rows.Select(r => TaskOptionsJson.Serialize(r.Task.Options))])
            .With<int[]>("timeout_seconds", [.. rows.Select(r => r.Task.Options.TimeoutSeconds)])
            .With<int[]>("lease_seconds", [.. rows.Select(r => r.Task.Options.HeartbeatTimeoutSeconds)])
            .With("created_ats", rows.Select(r => r.Request.Now))
            .With("visible_ats", rows.Select(r => r.Task.Options.RunAt))
            .With<string?[]>("idempotency_keys", [.. rows.Select(r => r.Request.Idempotency?.Key)])
            .With<string?[]>("traceparents", [.. rows.Select(r => r.Task.Traceparent)])
            .With<DateTimeOffset?[]>("expires_ats", [.. rows.Select(r => r.Task.Options.ExpiresAt is { } at ? ParameterExtensions.Stored(at) : (DateTimeOffset?)null)]);
    }
}
