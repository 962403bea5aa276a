using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Durq.Client;
using Durq.Contracts;

namespace Durq.Bench.Workloads;

/// <summary>
/// L1's measurement: a worker waits idle (long-poll); tasks are enqueued at a steady rate, each carrying the moment its
/// enqueue call started; the handler records how long after that it began. Producer and worker share this process and
/// its clock.
/// </summary>
internal static class Latency
{
    /// <summary>The enqueue-to-handler-start latencies in milliseconds, sorted.</summary>
    public static async Task<double[]> MeasureAsync(Uri url, int count, int rate, int concurrency)
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
        return [.. latencies.Order()];
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
