using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Durq.Client;
using Durq.Core.Contracts;

namespace Durq.Bench;

/// <summary>
/// L1: a worker waits idle (long-poll); tasks are enqueued at a steady rate, each carrying the moment its enqueue call
/// started; the handler records how long after that it began. Producer and worker share this process and its clock.
/// </summary>
internal static class LatencyBenchmark
{
    public static async Task<int> RunAsync(Uri url, int count, int rate, int concurrency)
    {
        using var http = BenchWorker.Http(url);
        var client = new DurqClient(http);
        var activityType = "bench.latency." + Guid.NewGuid().ToString("N")[..8];
        var latencies = new ConcurrentBag<double>();
        var done = new TaskCompletionSource();
        using var worker = BenchWorker.Start(url, $"bench-{Environment.ProcessId}", concurrency, activityType, (input, _) =>
        {
            var started = long.Parse(input.Json, CultureInfo.InvariantCulture);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (latencies.Count == count)
            {
                done.TrySetResult();
            }

            return Task.FromResult<RawJson?>(null);
        });

        await WaitUntilWorkerIsWaitingAsync(client);
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
        for (var i = 0; i < count; i++)
        {
            await pace.WaitForNextTickAsync();
            var startedAt = Stopwatch.GetTimestamp();
            await client.EnqueueAsync(activityType, new RawJson(startedAt.ToString(CultureInfo.InvariantCulture)));
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await worker.StopAsync();
        var sorted = latencies.Order().ToArray();
        Console.WriteLine(
            $"latency {count} tasks at {rate}/s: p50 {Percentiles.Of(sorted, 0.50):F2} ms, p95 {Percentiles.Of(sorted, 0.95):F2} ms, " +
            $"p99 {Percentiles.Of(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms");
        return 0;
    }

    private static async Task WaitUntilWorkerIsWaitingAsync(DurqClient client)
    {
        while ((await client.ListWorkersAsync()).Summary.Active == 0)
        {
            await Task.Delay(50);
        }

        // Let its first claim reach the server and start waiting.
        await Task.Delay(500);
    }

}
