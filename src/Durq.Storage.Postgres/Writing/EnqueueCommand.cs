using Durq.Core.Errors;
using Durq.Core.Storage;

namespace Durq.Storage.Postgres.Writing;

/// <summary>Stores a request's tasks all-or-nothing, honouring its idempotency key and the tenant's cap.</summary>
internal sealed class EnqueueCommand(EnqueueParams request) : WriteCommand<EnqueueResult>
{
    /// <summary>How long a caller refused by a full queue is told to wait.</summary>
    public const int QueueFullRetryAfterSeconds = 5;

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    /// <summary>Its tasks join the batch's shared INSERT; nothing it runs reads other tasks.</summary>
    public override bool SharesTaskInsert => true;

    protected override async Task<EnqueueResult> RunAsync(WriteContext context)
    {
        if (request.Idempotency is { } key && await ReplayOrTakeKeyAsync(context, key) is { } replay)
        {
            return replay;
        }

        EnsureRoomFor(context);
        context.InsertTasks(request);
        context.AdjustPending(request.Tenant, request.Tasks.Count);
        foreach (var task in request.Tasks.Where(t => t.Options.RunAt <= request.Now))
        {
            context.Announce(request.Tenant, task.ActivityType);
        }

        return new EnqueueResult([.. request.Tasks.Select(t => t.Id)], Replayed: false);
    }

    /// <summary>
    /// The earlier request's answer when the key is taken, else null with the key now taken by this request. A replay
    /// answers even when the queue is full; a full queue is found before the key is taken, so refusing writes nothing
    /// (the tenant's count row, held by the batch, keeps every other enqueue of the tenant from taking the key meanwhile).
    /// </summary>
    private async Task<EnqueueResult?> ReplayOrTakeKeyAsync(WriteContext context, IdempotencyKey key)
    {
        if (WouldOverflow(context))
        {
            return await FindReplayAsync(context, key);
        }

        return await TakeKeyAsync(context, key)
            ? null
            : await FindReplayAsync(context, key) ?? throw new InvalidOperationException($"Idempotency key '{key.Key}' was taken but cannot be read.");
    }

    private async Task<bool> TakeKeyAsync(WriteContext context, IdempotencyKey key) =>
        await context.Statement("InsertIdempotencyKey")
            .With("tenant", request.Tenant).With("key", key.Key).With("request_fingerprint", key.RequestFingerprint)
            .With<Guid[]>("task_ids", [.. request.Tasks.Select(t => t.Id)]).With("now", request.Now)
            .ExecuteNonQueryAsync() == 1;

    /// <summary>The answer to replay for <paramref name="key"/>, or null when no request has taken it.</summary>
    private async Task<EnqueueResult?> FindReplayAsync(WriteContext context, IdempotencyKey key)
    {
        var command = context.Statement("FindIdempotencyKey").With("tenant", request.Tenant).With("key", key.Key);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var fingerprint = reader.GetString(0);
        var ids = reader.GetFieldValue<Guid[]>(1);
        return fingerprint == key.RequestFingerprint
            ? new EnqueueResult(ids, Replayed: true)
            : throw new IdempotencyKeyReusedException(key.Key, ids[0]);
    }

    private bool WouldOverflow(WriteContext context) =>
        request.MaxPending > 0 && context.PendingCount(request.Tenant) + request.Tasks.Count > request.MaxPending;

    private void EnsureRoomFor(WriteContext context)
    {
        if (WouldOverflow(context))
        {
            throw new QueueFullException(context.PendingCount(request.Tenant), request.MaxPending, QueueFullRetryAfterSeconds);
        }
    }
}
