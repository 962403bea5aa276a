namespace Durq.Contracts;

/// <summary>
/// Answer of <c>GET /metrics/timeseries</c>: one point per <see cref="ResolutionSeconds"/> over the window asked for,
/// oldest first, the same on every node (the samples are kept in the store).
/// </summary>
public sealed record TimeSeriesResponse(int ResolutionSeconds, IReadOnlyList<TimeSeriesPointResource> Points);

/// <summary>
/// One point: <see cref="Enqueued"/>, <see cref="Completed"/>, <see cref="Failed"/> (attempts) and <see cref="Dead"/>
/// are counts over the <c>resolution_seconds</c> up to <see cref="Timestamp"/>; the rest are gauges sampled then.
/// </summary>
public sealed record TimeSeriesPointResource(
    DateTimeOffset Timestamp, long Enqueued, long Completed, long Failed, long Dead,
    long Pending, long Claimed, long DlqSize, int ActiveWorkers);
