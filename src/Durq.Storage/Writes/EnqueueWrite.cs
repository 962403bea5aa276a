using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Stores a request's tasks all-or-nothing, honouring its idempotency key and the tenant's cap.</summary>
internal sealed class EnqueueWrite(EnqueueParams request, CancellationToken cancellationToken) : Write<EnqueueResult>(cancellationToken)
{
    public override bool RunsAloneWhenIdle => true;

    /// <summary>How long a caller refused by a full queue is told to wait.</summary>
    public const int QueueFullRetryAfterSeconds = 5;

    public override bool GrowsStorage => true;

    public override string IfUnconfirmed => "Try again: an enqueue repeated with the same Idempotency-Key never makes a second task.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    /// <summary>Its tasks may join the batch's shared insert; nothing it runs reads other tasks.</summary>
    public override bool SharesTaskInsert => true;

    /// <summary>Without a key to take or a cap to check, it reads nothing: its only statement is the shared insert.</summary>
    public override bool DefersLocksAndInserts => request.Idempotency is null && request.MaxPending <= 0;

    protected override async ValueTask<EnqueueResult> RunAsync(WriteContext context)
    {
        if (request.Idempotency is { } key && await ReplayOrTakeKeyAsync(context, key) is { } replay)
        {
            return replay;
        }

        await EnsureRoomForAsync(context);
        await context.Sql.InsertTasksAsync(request);
        context.AdjustPending(request.Tenant, request.Tasks.Count);
        context.AddToCounter(request.Tenant, Counters.EnqueuedTasks, request.Tasks.Count);
        AnnounceWork(context);
        foreach (var task in request.Tasks)
        {
            context.TaskChanged(request.Tenant, task.Id, task.ActivityType, StoreEventKinds.Enqueued);
        }

        return new EnqueueResult([.. request.Tasks.Select(t => t.Id)], Replayed: false);
    }

    /// <summary>
    /// Announces each activity type and due time once per run of tasks that share them: a bulk enqueue of 1,000 alike
    /// is one announcement, not 1,000 (the batch's set would fold them too, after an allocation and a hash per task).
    /// </summary>
    private void AnnounceWork(WriteContext context)
    {
        NewTask? previous = null;
        foreach (var task in request.Tasks)
        {
            if (previous is null || task.ActivityType != previous.ActivityType || task.Options.RunAt != previous.Options.RunAt)
            {
                context.Announce(request.Tenant, task.ActivityType, task.Options.RunAt, request.Now);
            }

            previous = task;
        }
    }

    /// <summary>
    /// The earlier request's answer when the key is taken, else null with the key now taken by this request. A replay
    /// answers even when the queue is full; a full queue is found before the key is taken, so refusing writes nothing
    /// (the tenant's count, held by the batch, keeps every other enqueue of the tenant from taking the key meanwhile).
    /// </summary>
    private async ValueTask<EnqueueResult?> ReplayOrTakeKeyAsync(WriteContext context, IdempotencyKey key)
    {
        if (await WouldOverflowAsync(context))
        {
            return await FindReplayAsync(context, key);
        }

        return await context.Sql.InsertIdempotencyKeyAsync(request.Tenant, key, [.. request.Tasks.Select(t => t.Id)], request.Now)
            ? null
            : await FindReplayAsync(context, key) ?? throw new InvalidOperationException($"Idempotency key '{key.Key}' was taken but cannot be read.");
    }

    /// <summary>The answer to replay for <paramref name="key"/>, or null when no request has taken it.</summary>
    private async ValueTask<EnqueueResult?> FindReplayAsync(WriteContext context, IdempotencyKey key)
    {
        if (await context.Sql.FindIdempotencyKeyAsync(request.Tenant, key.Key) is not { } stored)
        {
            return null;
        }

        return stored.RequestFingerprint == key.RequestFingerprint
            ? new EnqueueResult(stored.TaskIds, Replayed: true)
            : throw new IdempotencyKeyReusedException(key.Key, stored.TaskIds[0]);
    }

    private async ValueTask<bool> WouldOverflowAsync(WriteContext context) =>
        request.MaxPending > 0 && await context.PendingCountAsync(request.Tenant) + request.Tasks.Count > request.MaxPending;

    private async ValueTask EnsureRoomForAsync(WriteContext context)
    {
        if (await WouldOverflowAsync(context))
        {
            throw new QueueFullException(await context.PendingCountAsync(request.Tenant), request.MaxPending, QueueFullRetryAfterSeconds);
        }
    }
}
