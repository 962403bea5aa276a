using System.Diagnostics;
using Durq.Client;
using Durq.Core.Contracts;

namespace Durq.Bench;

/// <summary>
/// D1: N no-op tasks already queued, then DurqWorkers start (one per node); time until the store reports all N
/// completed.
/// </summary>
internal static class DrainBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> nodes, int taskCount, int concurrency)
    {
        using var http = BenchWorker.Http(nodes[0]);
        var client = new DurqClient(http);
        var activityType = "bench.noop." + Guid.NewGuid().ToString("N")[..8];
        await EnqueueAsync(client, activityType, taskCount);
        var before = (await client.GetHealthAsync()).CompletedTasks;

        var clock = Stopwatch.StartNew();
        var workers = nodes
            .Select((node, i) => BenchWorker.Start(node, $"bench-{Environment.ProcessId}-{i}", concurrency, activityType, (_, _) => Task.FromResult<RawJson?>(null)))
            .ToList();
        while ((await client.GetHealthAsync()).CompletedTasks - before < taskCount)
        {
            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        foreach (var worker in workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }

        Console.WriteLine(
            $"drain {taskCount} tasks, {nodes.Count} node(s), {nodes.Count} worker(s) x concurrency {concurrency}: " +
            $"{elapsed.TotalSeconds:F2} s, {taskCount / elapsed.TotalSeconds:F0} tasks/s");
        return 0;
    }

    private static async Task EnqueueAsync(DurqClient client, string activityType, int taskCount)
    {
        var input = new RawJson("{}");
        for (var start = 0; start < taskCount; start += 1000)
        {
            var batch = Enumerable.Range(0, Math.Min(1000, taskCount - start))
                .Select(_ => new EnqueueTaskRequest(activityType, input))
                .ToList();
            await client.EnqueueBatchAsync(batch);
        }
    }
}
