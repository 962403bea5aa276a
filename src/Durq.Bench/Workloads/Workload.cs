using Durq.Bench.Processes;
using Durq.Bench.Report;

namespace Durq.Bench.Workloads;

/// <summary>
/// One measured workload of the suite. Each run of it gets a fresh database and a fresh <c>durq serve</c>:
/// <see cref="SeedAsync"/> runs on the empty database before the server starts, <see cref="MeasureAsync"/> against it.
/// </summary>
internal abstract class Workload(string id, string title)
{
    /// <summary>The name <c>--workloads</c> and the JSON use, e.g. <c>e1-seq</c>.</summary>
    public string Id => id;

    /// <summary>What it measures, in a few words, for the table.</summary>
    public string Title => title;

    public virtual Task SeedAsync(FreshDatabase database) => Task.CompletedTask;

    public abstract Task<IReadOnlyList<Figure>> MeasureAsync(ServerProcess server);
}
