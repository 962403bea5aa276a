using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Storage.Dialect;

namespace Durq.Storage.Writing;

/// <summary>
/// What a <see cref="Write"/> sees of the writer: the dialect's SQL operations in the open transaction, the pending
/// counts of the tenants the batch declared, and the changes (counts, totals, work) written with the commit.
/// </summary>
internal sealed class WriteContext
{
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private readonly BatchChanges _batch = new();
    private readonly BatchChanges _write = new();
    private IWriteSession? _session;

    public IWriteOperations Sql => Session.Operations;

    /// <summary>What the batch's kept writes changed, for the commit.</summary>
    internal BatchChanges Changes => _batch;

    internal IWriteSession Session => _session ?? throw new InvalidOperationException("No batch is open.");

    /// <summary>Starts a batch on <paramref name="session"/> with nothing counted or changed yet.</summary>
    internal void Begin(IWriteSession session)
    {
        _session = session;
        _counted.Clear();
        _batch.Clear();
        _write.Clear();
    }

    /// <summary>Locks (where the dialect locks) the count rows of the tenants the batch's writes declared.</summary>
    internal async ValueTask CountAsync(IReadOnlyCollection<string> tenants)
    {
        _counted.UnionWith(tenants);
        if (tenants.Count > 0)
        {
            await Session.LockCountsAsync(tenants);
        }
    }

    /// <summary>The tenant's pending tasks as this write sees them: the committed count plus the batch's changes so far.</summary>
    public async ValueTask<long> PendingCountAsync(string tenant)
    {
        CheckDeclared(tenant);
        var uncommitted = _batch.PendingDelta(tenant) + _write.PendingDelta(tenant);
        return await Session.CommittedPendingCountAsync(tenant, uncommitted) + uncommitted;
    }

    public void AdjustPending(string tenant, long delta)
    {
        CheckDeclared(tenant);
        _write.AddPending(tenant, delta);
    }

    /// <summary>Adds to a cumulative total (<see cref="Counters"/>).</summary>
    public void AddToCounter(string tenant, string name, long delta) => _write.AddToCounter(tenant, name, delta);

    /// <summary>Tasks of this type become claimable for the tenant at <paramref name="visibleAt"/> (now, if it is not later).</summary>
    public void Announce(string tenant, string activityType, DateTimeOffset? visibleAt, DateTimeOffset now) =>
        _write.Announce(new WorkAvailable(tenant, activityType, visibleAt > now ? visibleAt : null));

    /// <summary>Tells the event stream, after the commit, that <paramref name="change"/> happened to the task (<see cref="StoreEventKinds"/>).</summary>
    public void TaskChanged(string tenant, Guid taskId, string activityType, string change) =>
        _write.TaskEvents.Add(new StoreEvent(tenant, StoreEventKinds.Task, change, activityType, taskId));

    /// <summary>Saves the activity type's row, telling after the commit of a breaker that changed state.</summary>
    public async ValueTask SaveActivityTypeAsync(ActivityTypeState before, ActivityTypeState after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        await Sql.SaveActivityTypeAsync(after);
        if (before.Circuit.State != after.Circuit.State)
        {
            _write.Circuits.Add(new CircuitTransition(after.Tenant, after.ActivityType, before.Circuit.State, after.Circuit.State, after.Circuit.Forced));
        }
    }

    /// <summary>Starts the next write.</summary>
    internal void BeginWrite() => _write.Clear();

    /// <summary>The write succeeded: its changes join the batch's.</summary>
    internal void KeepWrite() => _batch.Add(_write);

    /// <summary>The write was refused or undone: its changes are dropped.</summary>
    internal void DropWrite() => _write.Clear();

    /// <summary>Whether a write of the batch declared the tenant (CountedTenantsAsync), so that its count may change.</summary>
    internal bool Declared(string tenant) => _counted.Contains(tenant);

    private void CheckDeclared(string tenant)
    {
        if (!Declared(tenant))
        {
            throw new InvalidOperationException($"Tenant '{tenant}' was not declared by the write (CountedTenantsAsync) that counts it.");
        }
    }
}
