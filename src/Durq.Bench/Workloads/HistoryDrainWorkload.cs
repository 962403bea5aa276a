using System.Diagnostics;
using Durq.Bench.Processes;
using Durq.Bench.Suite;

namespace Durq.Bench.Workloads;

/// <summary>
/// D1-history: D1 on a table that already holds <c>historyRows</c> completed tasks, seeded straight into the store
/// before the server starts (enqueueing and draining a million tasks would take longer than the whole suite). Durq's
/// hot paths should not slow down as history grows; the report sets this figure against plain D1's.
/// </summary>
internal sealed class HistoryDrainWorkload(string id, string title, int tasks, int concurrency, int historyRows)
    : DrainWorkload(id, title, tasks, concurrency)
{
    public override async Task SeedAsync(FreshDatabase database)
    {
        var (exitCode, output) = await ChildRun.RunAsync(database.Durq, ["migrate", .. database.StoreFlags], database.WorkDir);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"durq migrate failed with exit code {exitCode}:\n{output}");
        }

        var clock = Stopwatch.StartNew();
        await database.Store.SeedCompletedTasksAsync(database.WorkDir, historyRows);
        Progress.Line($"  seeded {historyRows:N0} completed tasks in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
