using Durq.Bench.Processes;
using Durq.Bench.Report;

namespace Durq.Bench.Workloads;

/// <summary>
/// L1: with a worker idle on a long-poll claim, <c>count</c> tasks enqueued at <c>rate</c>/s; enqueue call start →
/// handler start. A tenth as many run first, unrecorded, so the first calls' compilation is not among the percentiles.
/// </summary>
internal sealed class LatencyWorkload(string id, string title, int count, int rate, int concurrency) : Workload(id, title)
{
    public override async Task<IReadOnlyList<Figure>> MeasureAsync(ServerProcess server)
    {
        await Latency.MeasureAsync(server.Url, Math.Max(count / 10, 1), rate, concurrency);
        var sorted = await Latency.MeasureAsync(server.Url, count, rate, concurrency);
        return
        [
            new Figure("p50", Percentiles.Of(sorted, 0.50), "ms"),
            new Figure("p95", Percentiles.Of(sorted, 0.95), "ms"),
            new Figure("p99", Percentiles.Of(sorted, 0.99), "ms"),
        ];
    }
}
