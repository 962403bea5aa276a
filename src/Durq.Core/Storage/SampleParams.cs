namespace Durq.Core.Storage;

/// <summary>
/// A sample of the tenant's totals and gauges for the time series, for the bucket <see cref="Now"/> falls in
/// (<see cref="Metrics.TimeSeries.BucketOf"/>).
/// </summary>
internal sealed record RecordSampleParams(string Tenant, DateTimeOffset Now);
