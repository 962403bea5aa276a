using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Server.Hosting;
using Durq.Server.Logs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Maintenance;

/// <summary>
/// Takes back claimed tasks whose lease expired without a heartbeat, or whose run passed <c>timeout_seconds</c>, a
/// few times a second, so a dead worker's tasks go back to the queue about a second after their lease ends.
/// Each counts as a failed attempt and is retried, or dies, like any failure; the store wakes the claims of a retry. The
/// same sweep moves pending tasks past their expiry (<c>options.expires_at</c>) to dead, with error type <c>expired</c>,
/// and tells the log of each worker gone silent, once per silence.
/// </summary>
internal sealed partial class LeaseReaper(
    ITaskStore store, TimeProvider time, IOptions<WorkersOptions> options, WorkerLog workerLog, ILogger<LeaseReaper> logger)
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
                await LogSilentWorkersAsync(stoppingToken);
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
            foreach (var task in batch)
            {
                LogReclaimed(task.TaskId, task.Tenant, task.ActivityType, task.Reason, task.WorkerId, task.Status.ToWire(), task.VisibleAt);
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
            foreach (var task in batch)
            {
                LogExpired(task.TaskId, task.Tenant, task.ActivityType);
            }
        }
        while (batch.Count == BatchSize);
        return total;
    }

    /// <summary>
    /// One sweep of silences: each worker gone silent since the last sweep is logged once, by the node whose sweep
    /// marked it in the store; a worker still silent at the next sweep is not logged again.
    /// </summary>
    public async Task<int> LogSilentWorkersAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        IReadOnlyList<Core.Workers.Worker> batch;
        do
        {
            var now = time.GetUtcNow();
            batch = await store.NoteSilentWorkersAsync(new NoteSilentWorkersParams(now, BatchSize), cancellationToken);
            total += batch.Count;
            foreach (var worker in batch)
            {
                workerLog.Silent(worker, now);
            }
        }
        while (batch.Count == BatchSize);
        return total;
    }

    // One line per task, so an operator can grep a task id; a worker that dies holding many tasks writes one line each.
    [LoggerMessage(EventId = 2001, EventName = "TaskReclaimed", Level = LogLevel.Information, Message =
        "Reclaimed task {TaskId} (tenant {Tenant}, activity type {ActivityType}) from worker {WorkerId}: {Reason}; it is now {Status} (visible at {VisibleAt})")]
    private partial void LogReclaimed(Guid taskId, string tenant, string activityType, string? reason, string? workerId, string status, DateTimeOffset? visibleAt);

    [LoggerMessage(EventId = 2002, EventName = "TaskExpired", Level = LogLevel.Information, Message =
        "Expired task {TaskId} (tenant {Tenant}, activity type {ActivityType}): no worker claimed it by its expiry; it is dead with error type 'expired'")]
    private partial void LogExpired(Guid taskId, string tenant, string activityType);

    [LoggerMessage(EventId = 2003, EventName = "ReaperFailed", Level = LogLevel.Error, Message = "Reclaiming expired leases failed; the next sweep tries again")]
    private partial void LogFailed(Exception error);
}
