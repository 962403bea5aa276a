using Durq.Core.Storage;
using Durq.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Maintenance;

/// <summary>
/// Takes back claimed tasks whose lease expired without a heartbeat, or whose run passed <c>timeout_seconds</c>, a
/// few times a second, so a dead worker's tasks go back to the queue about a second after their lease ends.
/// Each counts as a failed attempt and is retried, or dies, like any failure; the store wakes the claims of a retry. The
/// same sweep moves pending tasks past their expiry (<c>options.expires_at</c>) to dead, with error type <c>expired</c>.
/// </summary>
internal sealed partial class LeaseReaper(
    ITaskStore store, TimeProvider time, IOptions<WorkersOptions> options, ILogger<LeaseReaper> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ReaperIntervalMs), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReclaimAllExpiredAsync(stoppingToken);
                await ExpireAllPendingAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(error);
            }
        }
    }

    /// <summary>One sweep: every expired lease, in batches, each batch one write.</summary>
    public async Task<int> ReclaimAllExpiredAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        IReadOnlyList<ReclaimedTask> batch;
        do
        {
            batch = await store.ReclaimExpiredAsync(new ReclaimExpiredParams(time.GetUtcNow(), BatchSize, Random.Shared.NextDouble), cancellationToken);
            total += batch.Count;
            if (batch.Count > 0)
            {
                LogReclaimed(batch.Count);
            }
        }
        while (batch.Count == BatchSize);
        return total;
    }

    /// <summary>One sweep of expiries: every pending task past its expiry goes to dead, in batches, each batch one write.</summary>
    public async Task<int> ExpireAllPendingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        IReadOnlyList<ReclaimedTask> batch;
        do
        {
            batch = await store.ExpirePendingAsync(new ExpirePendingParams(time.GetUtcNow(), BatchSize), cancellationToken);
            total += batch.Count;
            if (batch.Count > 0)
            {
                LogExpired(batch.Count, string.Join(", ", batch.Take(5).Select(t => t.TaskId)));
            }
        }
        while (batch.Count == BatchSize);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} pending tasks no worker claimed by their expiry (first: {TaskIds}); they are dead with error type 'expired'")]
    private partial void LogExpired(int count, string taskIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reclaimed {Count} tasks whose lease expired or whose run timed out")]
    private partial void LogReclaimed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reclaiming expired leases failed; the next sweep tries again")]
    private partial void LogFailed(Exception error);
}
