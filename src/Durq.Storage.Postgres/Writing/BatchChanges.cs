namespace Durq.Storage.Postgres.Writing;

/// <summary>
/// What writes changed besides their rows: pending counts, cumulative totals and work to announce. Kept per command
/// until the command's savepoint is released (a refused command's changes are dropped with it), then per batch until
/// the batch writes them just before its commit.
/// </summary>
internal sealed class BatchChanges
{
    public Dictionary<string, long> Pending { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Tenant, string Name), long> Counters { get; } = [];

    public HashSet<(string Tenant, string ActivityType)> Work { get; } = [];

    public long PendingDelta(string tenant) => Pending.GetValueOrDefault(tenant);

    public void AddPending(string tenant, long delta) => Pending[tenant] = PendingDelta(tenant) + delta;

    public void AddToCounter(string tenant, string name, long delta) =>
        Counters[(tenant, name)] = Counters.GetValueOrDefault((tenant, name)) + delta;

    public void Announce(string tenant, string activityType) => Work.Add((tenant, activityType));

    public void Add(BatchChanges command)
    {
        foreach (var (tenant, delta) in command.Pending)
        {
            AddPending(tenant, delta);
        }

        foreach (var ((tenant, name), delta) in command.Counters)
        {
            AddToCounter(tenant, name, delta);
        }

        Work.UnionWith(command.Work);
    }

    public void Clear()
    {
        Pending.Clear();
        Counters.Clear();
        Work.Clear();
    }
}
