using Durq.Bench.Processes;
using Durq.Bench.Report;

namespace Durq.Bench.Workloads;

/// <summary>
/// D1 (and D1-200k): <c>tasks</c> no-op tasks queued, then one DurqWorker drains them over HTTP. A drain of a tenth as
/// many (at most 2,000) runs first, untimed, so the server's and the worker's code is compiled before the clock starts:
/// a fresh server would otherwise spend the first second of a short drain in the JIT.
/// With <c>typeSettingsJson</c> (D1-limited), the drained type has those settings, so every claim takes the path that
/// reads and enforces them.
/// </summary>
internal class DrainWorkload(string id, string title, int tasks, int concurrency, string? typeSettingsJson = null) : Workload(id, title)
{
    public override async Task<IReadOnlyList<Figure>> MeasureAsync(ServerProcess server)
    {
        await Drain.MeasureAsync([server.Url], Math.Clamp(tasks / 10, 1, 2_000), concurrency, typeSettingsJson);
        var elapsed = await Drain.MeasureAsync([server.Url], tasks, concurrency, typeSettingsJson);
        return [new Figure("throughput", tasks / elapsed.TotalSeconds, "tasks/s")];
    }
}
