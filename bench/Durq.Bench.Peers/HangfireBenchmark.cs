using Hangfire;

namespace Durq.Bench.Peers;

/// <summary>Runs E1-seq, E1-32 and D1 against Hangfire in this process, each on a fresh storage, and reports them.</summary>
internal static class HangfireBenchmark
{
    public static int Run(PeerStore store, EnqueueWindow window, int concurrency, int jobs, int workers, TimeSpan cap, string? jsonPath)
    {
        var figures = new List<Figure>();
        var settings = "";
        // D1's untimed fill uses whichever E1 client count enqueued faster on this store: on SQLite concurrent
        // enqueuers contend and are slower than one, on PostgreSQL they are faster.
        double seqRate = 0, concurrentRate = 0;

        Workload(store, "e1-seq", storage =>
        {
            settings = store.Describe(storage);
            Log($"{store.Kind}: {settings}");
            Log($"E1-seq: one sequential client, {window}");
            var result = EnqueueWorkload.Run(storage, 1, window);
            seqRate = result.JobsPerSecond;
            figures.Add(new Figure("E1-seq enqueue", store.Kind, result.JobsPerSecond, "jobs/s"));
            figures.Add(new Figure("E1-seq enqueue p50", store.Kind, Percentiles.Of(result.LatenciesMs, 0.50), "ms"));
            figures.Add(new Figure("E1-seq enqueue p99", store.Kind, Percentiles.Of(result.LatenciesMs, 0.99), "ms"));
        });

        Workload(store, "e1-" + concurrency, storage =>
        {
            Log($"E1-{concurrency}: {concurrency} concurrent clients, {window}");
            var result = EnqueueWorkload.Run(storage, concurrency, window);
            concurrentRate = result.JobsPerSecond;
            figures.Add(new Figure($"E1-{concurrency} enqueue", store.Kind, result.JobsPerSecond, "jobs/s"));
            figures.Add(new Figure($"E1-{concurrency} enqueue p50", store.Kind, Percentiles.Of(result.LatenciesMs, 0.50), "ms"));
            figures.Add(new Figure($"E1-{concurrency} enqueue p99", store.Kind, Percentiles.Of(result.LatenciesMs, 0.99), "ms"));
        });

        Workload(store, "d1", storage =>
        {
            Log($"D1: {jobs:N0} jobs, then {workers} workers");
            var result = DrainWorkload.Run(storage, jobs, workers, seqRate >= concurrentRate ? 1 : concurrency, cap, Log);
            var note = result.Complete ? null : $"incomplete: {result.Succeeded:N0}/{jobs:N0} succeeded when the cap stopped the clock";
            figures.Add(new Figure($"D1 drain {jobs:N0}", store.Kind, result.JobsPerSecond, "jobs/s", note));
            figures.Add(new Figure($"D1 drain {jobs:N0} time", store.Kind, result.Elapsed.TotalSeconds, "s", note));
        });

        var report = new PeerReport("Hangfire " + typeof(BackgroundJob).Assembly.GetName().Version, store.Kind, settings, workers, figures);
        report.WriteTable(Console.Out);
        if (jsonPath is not null)
        {
            report.WriteJson(jsonPath);
            Log($"wrote {jsonPath}");
        }

        return figures.Any(f => f.Note is not null) ? 1 : 0;
    }

    private static void Workload(PeerStore store, string name, Action<JobStorage> run)
    {
        var storage = store.Create(name);
        try
        {
            run(storage);
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
