using Durq.Core.Metrics;
using Durq.Core.Storage;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// The stored time series: one sample per tenant per 10 s bucket however many samplers race for it, totals that count
/// every enqueue, completion, failed attempt and death, the differences of consecutive samples as the points, and
/// samples no window reads any more deleted.
/// </summary>
public abstract class TimeSeriesTests : StoreTests
{
    /// <summary>The start of the first bucket after <see cref="StoreTests.Now"/>, when the tests' tasks are due already.</summary>
    private static readonly DateTimeOffset Bucket0 = TimeSeries.BucketOf(Now) + TimeSeries.Resolution;

    /// <summary>A time early in the bucket <paramref name="bucket"/> buckets after <see cref="Bucket0"/>.</summary>
    private static DateTimeOffset InBucket(int bucket) => Bucket0 + (TimeSeries.Resolution * bucket) + TimeSpan.FromMilliseconds(1_200);

    [Fact]
    public async Task Samplers_racing_on_one_bucket_store_one_sample()
    {
        await EnqueueAsync(NewTask());

        var stored = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => RecordAsync(InBucket(0).AddMilliseconds(i)))));

        Assert.Equal(1, stored.Count(ok => ok));
        var sample = Assert.Single(await SamplesAsync());
        Assert.Equal(Bucket0, sample.BucketStart);
        Assert.Equal(1, sample.Enqueued);
        Assert.Equal(1, sample.Pending);
    }

    [Fact]
    public async Task A_second_sample_of_a_bucket_keeps_the_first()
    {
        await EnqueueAsync(NewTask());
        Assert.True(await RecordAsync(InBucket(0)));
        await EnqueueAsync(NewTasks(3));

        Assert.False(await RecordAsync(InBucket(0).AddSeconds(5)));

        Assert.Equal(1, Assert.Single(await SamplesAsync()).Enqueued);
    }

    [Fact]
    public async Task Points_are_what_happened_between_consecutive_samples_and_the_gauges_then()
    {
        await RegisterWorkerAsync(WorkerA, at: InBucket(0));
        await RecordAsync(InBucket(0));

        await EnqueueAsync(NewTasks(4));
        var claimed = await ClaimAsync(3, at: InBucket(0));
        await CompleteAsync(claimed[0], at: InBucket(0));
        await FailAsync(claimed[1], retryable: false, at: InBucket(0));
        await FailAsync(claimed[2], at: InBucket(0));
        await RecordAsync(InBucket(1));

        await EnqueueAsync(NewTask(idTime: Now.AddSeconds(1)));
        await RecordAsync(InBucket(2));

        var points = TimeSeries.Points(await SamplesAsync());

        Assert.Equal(
            [
                new TimeSeriesPoint(Bucket0 + TimeSeries.Resolution, Enqueued: 4, Completed: 1, Failed: 2, Dead: 1, Pending: 2, Claimed: 0, DlqSize: 1, ActiveWorkers: 1),
                new TimeSeriesPoint(Bucket0 + (TimeSeries.Resolution * 2), Enqueued: 1, Completed: 0, Failed: 0, Dead: 0, Pending: 3, Claimed: 0, DlqSize: 1, ActiveWorkers: 1),
            ],
            points);
    }

    [Fact]
    public async Task A_task_that_expires_unclaimed_counts_as_dead()
    {
        await RecordAsync(InBucket(0));
        await EnqueueAsync(NewTask(options: DefaultOptions with { ExpiresAt = InBucket(0).AddSeconds(2) }));
        await Store.ExpirePendingAsync(new ExpirePendingParams(InBucket(0).AddSeconds(3), 100), CancellationToken.None);
        await RecordAsync(InBucket(1));

        var point = Assert.Single(TimeSeries.Points(await SamplesAsync()));

        Assert.Equal((1, 1, 0), (point.Enqueued, point.Dead, point.Pending));
    }

    [Fact]
    public async Task A_bucket_no_sampler_took_leaves_a_gap_rather_than_a_burst()
    {
        await RecordAsync(InBucket(0));
        await EnqueueAsync(NewTasks(5));
        await RecordAsync(InBucket(2));
        await EnqueueAsync(NewTask(idTime: Now.AddSeconds(1)));
        await RecordAsync(InBucket(3));

        var point = Assert.Single(TimeSeries.Points(await SamplesAsync()));

        Assert.Equal((Bucket0 + (TimeSeries.Resolution * 3), 1L), (point.Timestamp, point.Enqueued));
    }

    [Fact]
    public async Task Samples_older_than_the_longest_window_are_deleted_when_a_new_one_is_stored()
    {
        await RecordAsync(InBucket(0));
        await RecordAsync(InBucket(1));
        var dayLater = InBucket(1) + TimeSeries.Longest + TimeSeries.Resolution;

        await RecordAsync(dayLater);

        Assert.Equal([Bucket0 + TimeSeries.Resolution, TimeSeries.BucketOf(dayLater)], (await SamplesAsync()).Select(s => s.BucketStart));
    }

    [Fact]
    public async Task Samples_and_their_tenants_belong_to_their_tenant()
    {
        await EnqueueForAsync(TenantA, NewTasks(2));
        await RegisterWorkerAsync(WorkerB, tenant: TenantB, at: InBucket(0));
        Assert.Equal([TenantA, TenantB], await Store.ListSampledTenantsAsync(CancellationToken.None));

        await RecordAsync(InBucket(0), TenantA);
        await RecordAsync(InBucket(0), TenantB);

        Assert.Equal((2L, 0), Gauges(Assert.Single(await SamplesAsync(TenantA))));
        Assert.Equal((0L, 1), Gauges(Assert.Single(await SamplesAsync(TenantB))));
    }

    [Fact]
    public async Task Samples_survive_a_restart()
    {
        await EnqueueAsync(NewTask());
        await RecordAsync(InBucket(0));

        await RestartStoreAsync();

        Assert.Equal(1, Assert.Single(await SamplesAsync()).Enqueued);
        Assert.False(await RecordAsync(InBucket(0)));
    }

    private static (long Pending, int ActiveWorkers) Gauges(MetricSample sample) => (sample.Pending, sample.ActiveWorkers);

    private protected Task<bool> RecordAsync(DateTimeOffset at, string tenant = TenantA) =>
        Store.RecordSampleAsync(new RecordSampleParams(tenant, at), CancellationToken.None);

    private protected Task<IReadOnlyList<MetricSample>> SamplesAsync(string tenant = TenantA) =>
        Store.ListSamplesAsync(tenant, LongAgo, CancellationToken.None);
}
