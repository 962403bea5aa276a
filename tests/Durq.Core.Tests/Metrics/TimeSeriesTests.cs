using Durq.Core.Metrics;

namespace Durq.Core.Tests.Metrics;

/// <summary>The time series' buckets, and its points as differences of samples.</summary>
public sealed class TimeSeriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9_999, 0)]
    [InlineData(10_000, 10_000)]
    [InlineData(25_432, 20_000)]
    public void A_time_falls_in_the_bucket_that_starts_at_its_last_whole_ten_seconds(int afterMs, int bucketMs) =>
        Assert.Equal(Start.AddMilliseconds(bucketMs), TimeSeries.BucketOf(Start.AddMilliseconds(afterMs)));

    [Fact]
    public void A_window_reads_from_one_bucket_before_its_first_point()
    {
        var now = Start.AddSeconds(3);

        Assert.Equal(Start.AddMinutes(-15).AddSeconds(-10), TimeSeries.FirstSampleOf(now, TimeSeries.Windows["15m"]));
        Assert.Equal(TimeSeries.FirstSampleOf(now, TimeSpan.FromHours(24)), TimeSeries.KeepSince(now));
    }

    [Fact]
    public void A_total_that_shrank_counts_as_nothing_happened()
    {
        var points = TimeSeries.Points([Sample(0, enqueued: 50), Sample(1, enqueued: 20), Sample(2, enqueued: 26)]);

        Assert.Equal([0L, 6L], points.Select(p => p.Enqueued));
    }

    [Fact]
    public void No_samples_or_one_sample_give_no_points()
    {
        Assert.Empty(TimeSeries.Points([]));
        Assert.Empty(TimeSeries.Points([Sample(0, enqueued: 5)]));
    }

    [Fact]
    public void The_windows_are_named_shortest_first_and_the_default_is_one_of_them()
    {
        Assert.Equal(["15m", "1h", "6h", "24h"], TimeSeries.WindowNames);
        Assert.True(TimeSeries.Windows.ContainsKey(TimeSeries.DefaultWindow));
        Assert.Equal(TimeSeries.Longest, TimeSeries.Windows.Values.Max());
    }

    private static MetricSample Sample(int bucket, long enqueued) =>
        new("t", Start + (TimeSeries.Resolution * bucket), enqueued, 0, 0, 0, 0, 0, 0, 0);
}
