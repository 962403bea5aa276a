using Durq.Bench.Load;

namespace Durq.Bench.Suite;

/// <summary>How big each workload is: the sizes, or a quick smoke that checks the suite works end to end.</summary>
internal sealed record WorkloadSizes(LoadDuration Enqueue, int DrainTasks, int LargeDrainTasks, int HistoryRows, int LatencyTasks)
{
    public const int EnqueueConnections = 32;

    /// <summary>E2: a few clients keep the server's writer busy without leaving it idle between batches.</summary>
    public const int BulkClients = 4;

    public const int BatchSize = 1000;

    /// <summary>One DurqWorker with this concurrency drains, as a user's single worker process would.</summary>
    public const int WorkerConcurrency = 16;

    public const int LatencyRate = 50;

    /// <summary>
    /// The enqueue workloads' default warm-up. Under a saturating load on 2 cores, tiered compilation needs several
    /// seconds to bring the server's hot paths to their optimized code; a shorter warm-up measures the JIT at work
    /// (docs/BENCHMARKS.md, "Warm-up").
    /// </summary>
    public static readonly TimeSpan DefaultWarmUp = TimeSpan.FromSeconds(10);

    /// <summary><c>--quick</c>'s warm-up: a smoke checks that the suite works, not what it measures.</summary>
    public static readonly TimeSpan QuickWarmUp = TimeSpan.FromSeconds(0.25);

    public static WorkloadSizes Full(int seconds, TimeSpan warmUp) =>
        new(new LoadDuration(warmUp, TimeSpan.FromSeconds(seconds)), 20_000, 200_000, 1_000_000, 500);

    public static WorkloadSizes Quick(int seconds, TimeSpan warmUp) =>
        new(new LoadDuration(warmUp, TimeSpan.FromSeconds(seconds)), 500, 2_000, 2_000, 20);
}
