using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>Stores a request's tasks all-or-nothing, honouring its idempotency key and the tenant's cap.</summary>
internal sealed class EnqueueCommand(EnqueueParams request) : WriteCommand<EnqueueResult>
{
    /// <summary>How long a caller refused by a full queue is told to wait.</summary>
    public const int QueueFullRetryAfterSeconds = 5;

    protected override EnqueueResult Run(WriteContext context)
    {
        if (request.Idempotency is { } key && FindEarlierRequest(context, key) is { } replay)
        {
            return replay;
        }

        EnsureRoomFor(context);
        var now = request.Now.ToUnixTimeMilliseconds();
        foreach (var task in request.Tasks)
        {
            Insert(context, task, now);
        }

        if (request.Idempotency is { } newKey)
        {
            RememberKey(context, newKey, now);
        }

        context.AdjustPending(request.Tenant, request.Tasks.Count);
        return new EnqueueResult([.. request.Tasks.Select(t => t.Id)], Replayed: false);
    }

    private EnqueueResult? FindEarlierRequest(WriteContext context, IdempotencyKey key)
    {
        var command = context.Statement("FindIdempotencyKey");
        command.Parameters.AddWithValue("$tenant", request.Tenant);
        command.Parameters.AddWithValue("$key", key.Key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var fingerprint = reader.GetString(0);
        var ids = reader.GetString(1).Split(',').Select(Guid.Parse).ToList();
        return fingerprint == key.RequestFingerprint
            ? new EnqueueResult(ids, Replayed: true)
            : throw new IdempotencyKeyReusedException(key.Key, ids[0]);
    }

    private void EnsureRoomFor(WriteContext context)
    {
        if (request.MaxPending <= 0)
        {
            return;
        }

        var pending = context.PendingCount(request.Tenant);
        if (pending + request.Tasks.Count > request.MaxPending)
        {
            throw new QueueFullException(pending, request.MaxPending, QueueFullRetryAfterSeconds);
        }
    }

    private void Insert(WriteContext context, NewTask task, long now)
    {
        var command = context.Statement("InsertTask");
        var parameters = command.Parameters;
        parameters.AddWithValue("$id", TaskIds.Format(task.Id));
        parameters.AddWithValue("$tenant", request.Tenant);
        parameters.AddWithValue("$activity_type", task.ActivityType);
        parameters.AddWithValue("$input", task.InputJson);
        parameters.AddWithValue("$priority", task.Options.Priority);
        parameters.AddWithValue("$max_attempts", task.Options.MaxAttempts);
        parameters.AddWithValue("$options", TaskOptionsJson.Serialize(task.Options));
        parameters.AddWithValue("$now", now);
        parameters.AddWithValue("$visible_at", task.Options.RunAt.ToUnixTimeMilliseconds());
        parameters.AddWithValue("$idempotency_key", (object?)request.Idempotency?.Key ?? DBNull.Value);
        parameters.AddWithValue("$traceparent", (object?)task.Traceparent ?? DBNull.Value);
        parameters.AddWithValue("$timeout_seconds", task.Options.TimeoutSeconds);
        parameters.AddWithValue("$lease_seconds", task.Options.HeartbeatTimeoutSeconds);
        command.ExecuteNonQuery();
    }

    private void RememberKey(WriteContext context, IdempotencyKey key, long now)
    {
        var command = context.Statement("InsertIdempotencyKey");
        command.Parameters.AddWithValue("$tenant", request.Tenant);
        command.Parameters.AddWithValue("$key", key.Key);
        command.Parameters.AddWithValue("$request_fingerprint", key.RequestFingerprint);
        command.Parameters.AddWithValue("$task_ids", string.Join(',', request.Tasks.Select(t => TaskIds.Format(t.Id))));
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }
}
