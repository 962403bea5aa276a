using Durq.Core.FlowControl;
using Durq.Core.Storage;

namespace Durq.Storage.Writing;

/// <summary>
/// What writes changed besides their rows: pending counts, cumulative totals, work to announce and circuit breakers
/// that changed state (told after the commit). Kept per write
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
    }

    public void Clear()
    {
        Pending.Clear();
        Counters.Clear();
        Work.Clear();
        Circuits.Clear();
    }
}
