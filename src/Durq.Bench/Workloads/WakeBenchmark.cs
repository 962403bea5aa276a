using System.Diagnostics;
using Durq.Client;
using Durq.Contracts;

namespace Durq.Bench.Workloads;

/// <summary>
/// Cross-node wake-up: a claim waits on node A; once it is surely waiting, a task is enqueued on node B; the time from
/// the start of that enqueue call to the claim's answer is the wake-up latency (on one node, A = B).
/// </summary>
internal static class WakeBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> nodes, int rounds)
    {
        using var waiterHttp = BenchWorker.Http(nodes[0]);
        using var producerHttp = BenchWorker.Http(nodes[^1]);
        var waiter = new DurqClient(waiterHttp);
        var producer = new DurqClient(producerHttp);
        var latencies = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            var type = $"bench.wake.{Guid.NewGuid():N}";
            var claim = waiter.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = "bench-waiter", ActivityTypes = [type], WaitMs = 10_000 });
            await Task.Delay(100); // let the claim reach the server and start waiting
            var started = Stopwatch.GetTimestamp();
            await producer.EnqueueAsync(type, new RawJson("{}"));
            var claimed = await claim;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (claimed.Count == 1)
            {
                latencies.Add(elapsed);
            }
        }

        var sorted = latencies.Order().ToArray();
        Console.WriteLine(
            $"wake-up across {(nodes.Count > 1 ? "nodes" : "one node")}, {sorted.Length} rounds: p50 {Percentiles.Of(sorted, 0.5):F2} ms, " +
            $"p99 {Percentiles.Of(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms");
        return 0;
    }
}
