using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// Registers a worker or refreshes its registration. With a cap, a new worker id at the cap first takes the place of
/// the tenant's stopped workers; when every registered worker is live, it is refused before anything is written.
/// </summary>
internal sealed class RegisterWorkerWrite(RegisterWorkerParams request, CancellationToken cancellationToken) : Write<Worker>(cancellationToken)
{
    public override string IfUnconfirmed => "Registering again is safe: a registration repeated updates the same worker.";

    private bool Capped => request.MaxWorkers > 0;

    /// <summary>
    /// A capped registration declares its tenant so that a dialect shared by several nodes locks the tenant's count row:
    /// registrations of one tenant then count its workers one after another, and the cap is exact on every node.
    /// </summary>
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) =>
        Capped ? Only(request.Tenant) : base.CountedTenantsAsync(context);

    protected override async ValueTask<Worker> RunAsync(WriteContext context)
    {
        if (Capped)
        {
            await MakeRoomAsync(context);
        }

        return await context.Sql.UpsertWorkerAsync(request);
    }

    private async ValueTask MakeRoomAsync(WriteContext context)
    {
        var stoppedBefore = Worker.StoppedBefore(request.Now);
        var count = await context.Sql.CountWorkersAsync(request.Tenant, request.WorkerId, stoppedBefore);
        if (count.IncludesWorker || count.Registered < request.MaxWorkers)
        {
            return;
        }

        if (count.Live >= request.MaxWorkers)
        {
            throw new WorkerLimitReachedException(count.Live, request.MaxWorkers, SecondsUntilOneStops(count.OldestLiveHeartbeat));
        }

        // Stopped workers are what retention would delete later; at the cap they give their places to live ones.
        await context.Sql.DeleteStoppedWorkersAsync(request.Tenant, stoppedBefore);
    }

    /// <summary>When the longest-silent live worker counts as stopped, unless it heartbeats first: the earliest a place can free.</summary>
    private int SecondsUntilOneStops(DateTimeOffset? oldestLiveHeartbeat)
    {
        var wait = (oldestLiveHeartbeat ?? request.Now) + Worker.StoppedAfter - request.Now;
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }
}

/// <summary>
/// Marks the silence of workers read as silent, each only if it is still silent at the heartbeat read and no other
/// call marked it meanwhile; answers those it marked, whose silence is then this call's to tell.
/// </summary>
internal sealed class NoteSilentWorkersWrite(IReadOnlyList<Worker> silent, CancellationToken cancellationToken)
    : Write<IReadOnlyList<Worker>>(cancellationToken)
{
    public override string IfUnconfirmed => "Sweeping again is safe: a silence already marked is not answered twice.";

    /// <summary>A mark lost with the disk's cache only lets the silence be logged once more.</summary>
    public override bool NeedsDurableCommit => false;

    protected override async ValueTask<IReadOnlyList<Worker>> RunAsync(WriteContext context)
    {
        var noted = new List<Worker>(silent.Count);
        foreach (var worker in silent)
        {
            if (await context.Sql.NoteWorkerSilenceAsync(worker.Tenant, worker.Id, worker.LastHeartbeatAt))
            {
                noted.Add(worker);
            }
        }

        return noted;
    }
}

/// <summary>Records a worker's heartbeat and load.</summary>
internal sealed class HeartbeatWorkerWrite(WorkerHeartbeatParams request, CancellationToken cancellationToken) : Write<Worker>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending the heartbeat again is safe.";

    /// <summary>A lost heartbeat only makes the worker look as it did at its previous one.</summary>
    public override bool NeedsDurableCommit => false;

    protected override async ValueTask<Worker> RunAsync(WriteContext context) =>
        await context.Sql.HeartbeatWorkerAsync(request) ?? throw new NotFoundException("worker", request.WorkerId);
}

/// <summary>Sets or clears a worker's draining flag.</summary>
internal sealed class SetWorkerDrainingWrite(SetWorkerDrainingParams request, CancellationToken cancellationToken) : Write<Worker>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending it again is safe: draining or resuming twice is the same as once.";

    protected override async ValueTask<Worker> RunAsync(WriteContext context) =>
        await context.Sql.SetWorkerDrainingAsync(request) ?? throw new NotFoundException("worker", request.WorkerId);
}

/// <summary>Removes a worker and hands the tasks it holds back to the queue at once.</summary>
internal sealed class DeregisterWorkerWrite(DeregisterWorkerParams request, CancellationToken cancellationToken)
    : Write<IReadOnlyList<ReclaimedTask>>(cancellationToken)
{
    public override string IfUnconfirmed => "Deregistering again is safe: if the first one was stored, the worker is gone and the repeat answers 404.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<IReadOnlyList<ReclaimedTask>> RunAsync(WriteContext context)
    {
        var deleted = await context.Sql.DeleteWorkerAsync(request.Tenant, request.WorkerId);
        var released = await context.Sql.ReleaseWorkerTasksAsync(request);
        if (deleted == 0 && released.Count == 0)
        {
            throw new NotFoundException("worker", request.WorkerId);
        }

        foreach (var task in released.Where(t => t.Status == DurqTaskStatus.Pending))
        {
            context.AdjustPending(request.Tenant, 1);
            context.Announce(request.Tenant, task.ActivityType, request.Now, request.Now);
        }

        return [.. released.Select(t => new ReclaimedTask(request.Tenant, t.TaskId, t.ActivityType, t.Status, request.Now))];
    }
}
