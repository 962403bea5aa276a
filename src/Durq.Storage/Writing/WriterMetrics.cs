using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Durq.Storage.Writing;

/// <summary>
/// The group-commit writer's histograms, in the <c>Durq</c> meter the server exports (docs/observability.md): writes per
/// committed batch and the time from a batch's start to its commit. Per node and per store, no labels. Recorded once
/// per batch, never per write; with no listener each record returns at once.
/// </summary>
internal static class WriterMetrics
{
    // Static: a store is made without the host's meter factory (durq migrate, the tests' stores), and one process runs one node.
    private static readonly Meter Meter = new("Durq");

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "durq.store.commit.batch_size", "{write}", "Writes committed together in one transaction by the group-commit writer.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000] });

    private static readonly Histogram<double> CommitSeconds = Meter.CreateHistogram<double>(
        "durq.store.commit.duration", "s", "From the start of a batch's transaction to its commit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    /// <summary>A timestamp to pass to <see cref="Committed"/>, or 0 when no one listens (and so no clock is read).</summary>
    public static long Start() => CommitSeconds.Enabled ? Stopwatch.GetTimestamp() : 0;

    public static void Committed(int writes, long started)
    {
        if (started == 0)
        {
            return;
        }

        BatchSize.Record(writes);
        CommitSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
