using Durq.Core.Metrics;
using Durq.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Maintenance;

/// <summary>
/// Samples every tenant's totals and gauges into the stored time series once per 10 s bucket (<see cref="TimeSeries"/>).
/// Every node runs it: the store keeps the first sample of a bucket and ignores the rest, so the series has no hole
/// while any node is up, and every node answers <c>/metrics/timeseries</c> from the same rows.
/// </summary>
internal sealed partial class TimeSeriesSampler(ITaskStore store, TimeProvider time, ILogger<TimeSeriesSampler> logger)
    : BackgroundService
{
    /// <summary>
    /// It looks once a second and samples on the first look in a new bucket, so a sample is taken within about a second
    /// of its bucket's start, and a late tick never skips a bucket.
    /// </summary>
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);

    private DateTimeOffset? _sampled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LookEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(error);
            }
        }
    }

    /// <summary>Samples every tenant for the bucket of now, unless this node sampled that bucket already; answers how many samples it stored.</summary>
    public async Task<int> SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var bucket = TimeSeries.BucketOf(now);
        if (bucket == _sampled)
        {
            return 0;
        }

        try
        {
            var stored = 0;
            foreach (var tenant in await store.ListSampledTenantsAsync(cancellationToken))
            {
                stored += await store.RecordSampleAsync(new RecordSampleParams(tenant, now), cancellationToken) ? 1 : 0;
            }

            return stored;
        }
        finally
        {
            // One try per bucket: while the store is away, the failure is logged once per bucket, not once a second.
            _sampled = bucket;
        }
    }

    [LoggerMessage(EventId = 2010, EventName = "SamplingFailed", Level = LogLevel.Warning, Message =
        "Sampling the metrics time series failed; the next bucket is sampled again")]
    private partial void LogFailed(Exception error);
}
