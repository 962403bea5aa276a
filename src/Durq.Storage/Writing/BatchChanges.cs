using Durq.Core.FlowControl;
using Durq.Core.Storage;

namespace Durq.Storage.Writing;

/// <summary>
/// What writes changed besides their rows: pending counts, cumulative totals, work to announce, circuit breakers
/// that changed state and what happened to each task (told after the commit). Kept per write
/// until the write is kept (a refused write's changes are dropped with it), then per batch until the dialect writes
/// them with its commit.
/// </summary>
internal sealed class BatchChanges
{
    public Dictionary<string, long> Pending { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Tenant, string Name), long> Counters { get; } = [];

    /// <summary>Work that became claimable: now (<see cref="WorkAvailable.VisibleAt"/> null) or at a later time.</summary>
    public HashSet<WorkAvailable> Work { get; } = [];

    /// <summary>Breakers that moved from one state to another, in the order they did.</summary>
    public List<CircuitTransition> Circuits { get; } = [];

    /// <summary>What happened to each task, in the order it did, for the event stream.</summary>
    public List<StoreEvent> TaskEvents { get; } = [];

    /// <summary>Every change for the event stream: the tasks', then the breakers'.</summary>
    public List<StoreEvent> Events()
    {
        var events = new List<StoreEvent>(TaskEvents.Count + Circuits.Count);
        events.AddRange(TaskEvents);
        events.AddRange(Circuits.Select(c => new StoreEvent(c.Tenant, StoreEventKinds.Circuit, c.To.ToWire(), c.ActivityType, From: c.From.ToWire())));
        return events;
    }

    public long PendingDelta(string tenant) => Pending.GetValueOrDefault(tenant);

    public void AddPending(string tenant, long delta) => Pending[tenant] = PendingDelta(tenant) + delta;

    public void AddToCounter(string tenant, string name, long delta) =>
        Counters[(tenant, name)] = Counters.GetValueOrDefault((tenant, name)) + delta;

    public void Announce(WorkAvailable work) => Work.Add(work);

    /// <summary>The (tenant, activity type) pairs claimable as soon as the batch commits, each once.</summary>
    public IEnumerable<(string Tenant, string ActivityType)> WorkDueNow() =>
        Work.Where(w => w.VisibleAt is null).Select(w => (w.Tenant, w.ActivityType)).Distinct();

    public void Add(BatchChanges write)
    {
        foreach (var (tenant, delta) in write.Pending)
        {
            AddPending(tenant, delta);
        }

        foreach (var ((tenant, name), delta) in write.Counters)
        {
            AddToCounter(tenant, name, delta);
        }

        Work.UnionWith(write.Work);
        Circuits.AddRange(write.Circuits);
        TaskEvents.AddRange(write.TaskEvents);
    }

    public void Clear()
    {
        Pending.Clear();
        Counters.Clear();
        Work.Clear();
        Circuits.Clear();
        TaskEvents.Clear();
    }
}
