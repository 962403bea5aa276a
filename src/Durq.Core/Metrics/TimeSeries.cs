using System.Collections.Frozen;

namespace Durq.Core.Metrics;

/// <summary>
/// The metrics time series (API.md, "Observability"): one stored sample per tenant per 10 s bucket, holding the
/// cumulative totals and the gauges as they stood when it was taken. A point's counts are the growth of the totals
/// since the sample before it, so a point answers "what happened in the 10 s up to its timestamp".
/// </summary>
internal static class TimeSeries
{
    public static readonly TimeSpan Resolution = TimeSpan.FromSeconds(10);

    public const string DefaultWindow = "1h";

    /// <summary>The wire names of the windows the route accepts, shortest first.</summary>
    public static readonly IReadOnlyList<string> WindowNames = ["15m", "1h", "6h", "24h"];

    /// <summary>The windows the route accepts, by their wire name.</summary>
    public static readonly FrozenDictionary<string, TimeSpan> Windows = new Dictionary<string, TimeSpan>
    {
        [WindowNames[0]] = TimeSpan.FromMinutes(15),
        [WindowNames[1]] = TimeSpan.FromHours(1),
        [WindowNames[2]] = TimeSpan.FromHours(6),
        [WindowNames[3]] = TimeSpan.FromHours(24),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The longest window: samples older than it (and the one before its first point) are deleted.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    /// <summary>The start of the bucket <paramref name="now"/> falls in.</summary>
    public static DateTimeOffset BucketOf(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % Resolution.Ticks), TimeSpan.Zero);

    /// <summary>Samples taken before this are no longer needed by any window.</summary>
    public static DateTimeOffset KeepSince(DateTimeOffset now) => FirstSampleOf(now, Longest);

    /// <summary>
    /// The oldest sample a window's answer reads at <paramref name="now"/>: one bucket before the window's first point,
    /// whose counts are differences from it.
    /// </summary>
    public static DateTimeOffset FirstSampleOf(DateTimeOffset now, TimeSpan window) => BucketOf(now) - window - Resolution;

    /// <summary>
    /// The points of samples in bucket order: each sample that has the sample of the bucket just before it gives one.
    /// A sample after a gap (no node took the bucket before it, say while the cluster was down) gives none, since its
    /// growth spans more than one bucket and would read as a burst that never happened. A total that shrank (counters
    /// reset by restoring an older backup) counts as zero.
    /// </summary>
    public static IReadOnlyList<TimeSeriesPoint> Points(IReadOnlyList<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var points = new List<TimeSeriesPoint>(Math.Max(0, samples.Count - 1));
        for (var i = 1; i < samples.Count; i++)
        {
            var (before, after) = (samples[i - 1], samples[i]);
            if (after.BucketStart - before.BucketStart != Resolution)
            {
                continue;
            }

            points.Add(new TimeSeriesPoint(
                after.BucketStart,
                Growth(before.Enqueued, after.Enqueued), Growth(before.Completed, after.Completed),
                Growth(before.Failed, after.Failed), Growth(before.Dead, after.Dead),
                after.Pending, after.Claimed, after.DlqSize, after.ActiveWorkers));
        }

        return points;
    }

    private static long Growth(long before, long after) => Math.Max(0, after - before);
}

/// <summary>
/// One stored sample: the tenant's cumulative totals (tasks enqueued, completed, failed attempts, tasks gone dead) and
/// its gauges (pending, claimed, dead tasks now, active workers) at the start of the bucket.
/// </summary>
internal sealed record MetricSample(
    string Tenant, DateTimeOffset BucketStart, long Enqueued, long Completed, long Failed, long Dead,
    long Pending, long Claimed, long DlqSize, int ActiveWorkers);

/// <summary>One point of the series: the counts of the bucket up to <see cref="Timestamp"/>, and the gauges then.</summary>
internal sealed record TimeSeriesPoint(
    DateTimeOffset Timestamp, long Enqueued, long Completed, long Failed, long Dead,
    long Pending, long Claimed, long DlqSize, int ActiveWorkers);
