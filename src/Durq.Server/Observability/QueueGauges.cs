using System.Diagnostics.Metrics;
using Durq.Core;
using Durq.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Observability;

/// <summary>
/// The queue's gauges of the <c>Durq</c> meter: cluster-wide truths read from the store (every node shows the same),
/// by tenant and activity type. One read of every tenant's activity types and workers serves all the gauges of a
/// collection, and is kept <see cref="MaxAge"/>, so a scrape (or several scrapers, or OTLP) never reads the store per
/// series, and never more than once per <see cref="MaxAge"/>. Nothing is read while no one collects.
/// </summary>
internal sealed partial class QueueGauges
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    // A collection waits this long for the store; slower, it shows the last snapshot (a store that is down shows as stale gauges).
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);

    private readonly ITaskStore _store;
    private readonly IApiKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueGauges> _logger;
    private readonly Lock _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;
    // Age by the machine's monotonic clock, not the store's TimeProvider (a test's fake clock may never move).
    private long? _takenAtMs;

    public QueueGauges(IMeterFactory meters, ITaskStore store, IApiKeyStore keys, TimeProvider time, ILogger<QueueGauges> logger)
    {
        _store = store;
        _keys = keys;
        _time = time;
        _logger = logger;
        var meter = meters.Create(DurqTelemetry.Name);
        meter.CreateObservableGauge("durq.queue.pending", () => Current().Pending, "{task}", "Pending tasks (delayed and backing-off ones included), from the store.");
        meter.CreateObservableGauge("durq.queue.claimed", () => Current().Claimed, "{task}", "Claimed (running) tasks, from the store.");
        meter.CreateObservableGauge("durq.queue.oldest_pending_age", () => Current().OldestPendingAge, "s", "Age of the oldest pending task, from the store.");
        meter.CreateObservableGauge("durq.dlq.size", () => Current().Dead, "{task}", "Dead tasks (the dead-letter queue), from the store.");
        meter.CreateObservableGauge("durq.workers", () => Current().Workers, "{worker}", "Registered workers by status, from the store.");
    }

    private Snapshot Current()
    {
        lock (_gate)
        {
            var nowMs = Environment.TickCount64;
            if (_takenAtMs is not { } takenAt || nowMs - takenAt >= (long)MaxAge.TotalMilliseconds)
            {
                // Taken first: a failing store is asked again after MaxAge, not by every gauge of this collection.
                _takenAtMs = nowMs;
                try
                {
                    // A gauge's callback is synchronous; this runs at most once per MaxAge, on the collecting thread.
                    _snapshot = ReadAsync().WaitAsync(ReadTimeout).GetAwaiter().GetResult();
                }
                catch (Exception error)
                {
                    LogReadFailed(error);
                }
            }

            return _snapshot;
        }
    }

    private async Task<Snapshot> ReadAsync()
    {
        var now = _time.GetUtcNow();
        var keys = await _keys.ListApiKeysAsync(null, CancellationToken.None);
        var tenants = keys.Select(k => k.Tenant).Append(Tenants.Default).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var snapshot = new Snapshot();
        foreach (var tenant in tenants)
        {
            var tenantTag = new KeyValuePair<string, object?>("tenant", tenant);
            foreach (var type in await _store.ListActivityTypesAsync(tenant, now, CancellationToken.None))
            {
                var typeTag = new KeyValuePair<string, object?>("activity_type", type.State.ActivityType);
                snapshot.Pending.Add(new(type.Pending, tenantTag, typeTag));
                snapshot.Claimed.Add(new(type.Claimed, tenantTag, typeTag));
                snapshot.Dead.Add(new(type.Dead, tenantTag, typeTag));
                var age = type.OldestPendingAt is { } oldest && oldest < now ? (now - oldest).TotalSeconds : 0;
                snapshot.OldestPendingAge.Add(new(age, tenantTag, typeTag));
            }

            var workers = await _store.SummarizeWorkersAsync(tenant, now, CancellationToken.None);
            snapshot.Workers.Add(new(workers.Active, tenantTag, new("status", "active")));
            snapshot.Workers.Add(new(workers.Draining, tenantTag, new("status", "draining")));
            snapshot.Workers.Add(new(workers.Stopped, tenantTag, new("status", "stopped")));
        }

        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the queue gauges from the store failed; the metrics show the last values read")]
    private partial void LogReadFailed(Exception error);

    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new();

        public List<Measurement<long>> Pending { get; } = [];

        public List<Measurement<long>> Claimed { get; } = [];

        public List<Measurement<double>> OldestPendingAge { get; } = [];

        public List<Measurement<long>> Dead { get; } = [];

        public List<Measurement<long>> Workers { get; } = [];
    }
}
