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
        var insert = context.TaskInsert;
        insert.BindRequest(request.Tenant, now, request.Idempotency?.Key);
        foreach (var task in request.Tasks)
        {
            insert.Insert(task);
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
