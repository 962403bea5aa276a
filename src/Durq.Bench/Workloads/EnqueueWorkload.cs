using System.Net;
using Durq.Bench.Load;
using Durq.Bench.Processes;
using Durq.Bench.Report;

namespace Durq.Bench.Workloads;

/// <summary>
/// E1: single-task <c>POST /tasks</c> from <c>connections</c> keep-alive clients back to back (one client: E1-seq),
/// measured after a warm-up. E1 also reads the server's peak memory, which E1's load is the most likely to reach.
/// </summary>
internal sealed class EnqueueWorkload(string id, string title, int connections, LoadDuration duration, bool measureMemory)
    : Workload(id, title)
{
    /// <summary>The seed page's body shape, as bench/enqueue.lua sends it.</summary>
    private static readonly byte[] Body = """{"activity_type":"bench.noop","input":{"n":1},"options":{"max_attempts":3,"priority":10}}"""u8.ToArray();

    public override async Task<IReadOnlyList<Figure>> MeasureAsync(ServerProcess server)
    {
        var result = await HttpLoad.RunAsync(
            new Uri(server.Url, "api/v1/durable/tasks"), Body, HttpStatusCode.Created, connections, duration.WarmUp, duration.Window, server.ApiKey);
        var figures = new List<Figure>
        {
            new("throughput", result.RequestsPerSecond, "tasks/s"),
            new("p50", result.LatencyMs(0.50), "ms"),
            new("p99", result.LatencyMs(0.99), "ms"),
        };
        if (measureMemory && server.PeakResidentMiB() is { } peak)
        {
            figures.Add(new Figure("server peak RSS", peak, "MiB"));
        }

        if (result.Failed > 0)
        {
            figures.Add(new Figure("refused requests", result.Failed, "requests"));
        }

        return figures;
    }
}
