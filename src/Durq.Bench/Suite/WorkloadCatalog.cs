using Durq.Bench.Workloads;

namespace Durq.Bench.Suite;

/// <summary>Every workload of the suite, in the order a run measures them.</summary>
internal static class WorkloadCatalog
{
    public static IReadOnlyList<string> Ids { get; } = ["e1", "e1-seq", "e2", "d1", "d1-limited", "d1-200k", "d1-history", "l1"];

    public static IReadOnlyList<Workload> Create(WorkloadSizes sizes)
    {
        const int Workers = WorkloadSizes.WorkerConcurrency;
        return
        [
            new EnqueueWorkload("e1", $"E1 enqueue, {WorkloadSizes.EnqueueConnections} connections", WorkloadSizes.EnqueueConnections, sizes.Enqueue, measureMemory: true),
            new EnqueueWorkload("e1-seq", "E1-seq enqueue, 1 client", 1, sizes.Enqueue, measureMemory: false),
            new BulkEnqueueWorkload("e2", $"E2 batch enqueue ({WorkloadSizes.BatchSize:N0}/batch), {WorkloadSizes.BulkClients} clients", WorkloadSizes.BulkClients, WorkloadSizes.BatchSize, sizes.Enqueue),
            new DrainWorkload("d1", $"D1 drain {sizes.DrainTasks:N0}, 1 worker × {Workers}", sizes.DrainTasks, Workers),
            new DrainWorkload(
                "d1-limited", $"D1-limited drain {sizes.DrainTasks:N0}, 1 worker × {Workers}, max_concurrency {Workers}",
                sizes.DrainTasks, Workers, $$"""{"max_concurrency":{{Workers}}}"""),
            new DrainWorkload("d1-200k", $"D1-200k drain {sizes.LargeDrainTasks:N0}, 1 worker × {Workers}", sizes.LargeDrainTasks, Workers),
            new HistoryDrainWorkload("d1-history", $"D1-history drain {sizes.DrainTasks:N0} over {sizes.HistoryRows:N0} completed", sizes.DrainTasks, Workers, sizes.HistoryRows),
            new LatencyWorkload("l1", $"L1 enqueue → handler start, {sizes.LatencyTasks:N0} at {WorkloadSizes.LatencyRate}/s", sizes.LatencyTasks, WorkloadSizes.LatencyRate, Workers),
        ];
    }
}
