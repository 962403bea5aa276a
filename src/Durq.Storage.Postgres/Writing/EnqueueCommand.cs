using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>Stores a request's tasks all-or-nothing, honouring its idempotency key and the tenant's cap.</summary>
internal sealed class EnqueueCommand(EnqueueParams request) : WriteCommand<EnqueueResult>
{
    /// <summary>How long a caller refused by a full queue is told to wait.</summary>
    public const int QueueFullRetryAfterSeconds = 5;

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async Task<EnqueueResult> RunAsync(WriteContext context)
    {
        // The key is taken first: a replay answers even when the queue is full, and a refusal below rolls it back.
        if (request.Idempotency is { } key && !await TakeKeyAsync(context, key))
        {
            return await ReplayAsync(context, key);
        }

        EnsureRoomFor(context);
        await InsertTasksAsync(context);
        context.AdjustPending(request.Tenant, request.Tasks.Count);
        foreach (var task in request.Tasks.Where(t => t.Options.RunAt <= request.Now))
        {
            context.Announce(request.Tenant, task.ActivityType);
        }

        return new EnqueueResult([.. request.Tasks.Select(t => t.Id)], Replayed: false);
    }

    private async Task<bool> TakeKeyAsync(WriteContext context, IdempotencyKey key) =>
        await context.Statement("InsertIdempotencyKey")
            .With("tenant", request.Tenant).With("key", key.Key).With("request_fingerprint", key.RequestFingerprint)
            .With<Guid[]>("task_ids", [.. request.Tasks.Select(t => t.Id)]).With("now", request.Now)
            .ExecuteNonQueryAsync() == 1;

    private async Task<EnqueueResult> ReplayAsync(WriteContext context, IdempotencyKey key)
    {
        var command = context.Statement("FindIdempotencyKey").With("tenant", request.Tenant).With("key", key.Key);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException($"Idempotency key '{key.Key}' was taken but cannot be read.");
        }

        var fingerprint = reader.GetString(0);
        var ids = reader.GetFieldValue<Guid[]>(1);
        return fingerprint == key.RequestFingerprint
            ? new EnqueueResult(ids, Replayed: true)
            : throw new IdempotencyKeyReusedException(key.Key, ids[0]);
    }

    private void EnsureRoomFor(WriteContext context)
    {
        var pending = context.PendingCount(request.Tenant);
        if (request.MaxPending > 0 && pending + request.Tasks.Count > request.MaxPending)
        {
            throw new QueueFullException(pending, request.MaxPending, QueueFullRetryAfterSeconds);
        }
    }

    private async Task InsertTasksAsync(WriteContext context)
    {
        var tasks = request.Tasks;
        await context.Statement("InsertTasks")
            .With("tenant", request.Tenant).With("now", request.Now).With("idempotency_key", request.Idempotency?.Key)
            .With<Guid[]>("ids", [.. tasks.Select(t => t.Id)])
            .With<string[]>("activity_types", [.. tasks.Select(t => t.ActivityType)])
            .With<string[]>("inputs", [.. tasks.Select(t => t.InputJson)])
            .With<int[]>("priorities", [.. tasks.Select(t => t.Options.Priority)])
            .With<int[]>("max_attempts", [.. tasks.Select(t => t.Options.MaxAttempts)])
            .With<string[]>("options", [.. tasks.Select(t => TaskOptionsJson.Serialize(t.Options))])
            .With<int[]>("timeout_seconds", [.. tasks.Select(t => t.Options.TimeoutSeconds)])
            .With<int[]>("lease_seconds", [.. tasks.Select(t => t.Options.HeartbeatTimeoutSeconds)])
            .With("visible_ats", tasks.Select(t => t.Options.RunAt))
            .With<string?[]>("traceparents", [.. tasks.Select(t => t.Traceparent)])
            .ExecuteNonQueryAsync();
    }
}
