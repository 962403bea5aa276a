using System.Diagnostics;
using Durq.Client;
using Durq.Contracts;

namespace Durq.Bench.Workloads;

/// <summary>
/// D1's measurement: N no-op tasks already queued, then DurqWorkers start (one per node); the clock stops when the
/// store reports all N completed (/health, relative to its count before the workers started).
/// </summary>
internal static class Drain
{
    private const int BatchSize = 1000;
    private const int FillClients = 4;

    /// <param name="typeSettingsJson">Settings to give the drained type first (<c>PUT /activity-types/{type}</c>), if any.</param>
    public static async Task<TimeSpan> MeasureAsync(IReadOnlyList<Uri> nodes, int taskCount, int concurrency, string? typeSettingsJson = null)
    {
        using var http = BenchWorker.Http(nodes[0]);
        var client = new DurqClient(http);
        var activityType = "bench.noop." + Guid.NewGuid().ToString("N")[..8];
        if (typeSettingsJson is not null)
        {
            await client.SetActivityTypeAsync(activityType, typeSettingsJson);
        }

        await EnqueueAsync(client, activityType, taskCount);
        var before = (await client.GetHealthAsync()).CompletedTasks;

        // /health counts pending tasks, which on a large queue is real work for the server; asking it every few
        // milliseconds for the whole drain would slow what is measured. The handlers say when all have run, and only
        // then is the store asked, often, until it has recorded every completion.
        var handled = 0;
        var allHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var workers = nodes
            .Select((node, i) => BenchWorker.Start(node, $"bench-{Environment.ProcessId}-{i}", concurrency, activityType, (_, _) =>
            {
                if (Interlocked.Increment(ref handled) == taskCount)
                {
                    allHandled.TrySetResult();
                }

                return Task.FromResult<RawJson?>(null);
            }))
            .ToList();
        try
        {
            await allHandled.Task.WaitAsync(Deadline(taskCount));
            await WaitUntilStoreCountsAsync(client, before + taskCount);
            return clock.Elapsed;
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync();
                worker.Dispose();
            }
        }
    }

    private static async Task WaitUntilStoreCountsAsync(DurqClient client, long completed)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while ((await client.GetHealthAsync()).CompletedTasks < completed)
        {
            await poll.WaitForNextTickAsync();
        }
    }

    /// <summary>Generous: a drain slower than 50 tasks/s is broken, not slow, and should not hang the suite.</summary>
    private static TimeSpan Deadline(int taskCount) => TimeSpan.FromSeconds(60 + (taskCount / 50));

    /// <summary>Fills the queue in batches of 1,000, a few at a time; untimed.</summary>
    private static async Task EnqueueAsync(DurqClient client, string activityType, int taskCount)
    {
        var input = new RawJson("{}");
        var fullBatch = Enumerable.Repeat(new EnqueueTaskRequest(activityType, input), BatchSize).ToList();
        var batchStarts = Enumerable.Range(0, (taskCount + BatchSize - 1) / BatchSize).Select(i => i * BatchSize);
        await Parallel.ForEachAsync(batchStarts, new ParallelOptions { MaxDegreeOfParallelism = FillClients }, async (start, cancellationToken) =>
        {
            var size = Math.Min(BatchSize, taskCount - start);
            await client.EnqueueBatchAsync(size == BatchSize ? fullBatch : fullBatch[..size], cancellationToken: cancellationToken);
        });
    }
}
