using Durq.Core.Storage;
using Durq.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Maintenance;

/// <summary>
/// Deletes finished tasks, idempotency keys, long-silent workers and old schedule executions once retention no longer keeps them
/// (<see cref="RetentionOptions"/>), in small batches — one write each — so enqueues are never held up behind it.
/// </summary>
internal sealed partial class RetentionService(
    ITaskStore store, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAllExpiredAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(error);
            }
        }
    }

    /// <summary>One pass: batch after batch until nothing is left to delete.</summary>
    public async Task<int> PurgeAllExpiredAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value;
        var total = 0;
        PurgeResult batch;
        do
        {
            var now = time.GetUtcNow();
            batch = await store.PurgeAsync(
                new PurgeParams(now - retention.FinishedTasks, now - retention.DeadTasks, now - retention.IdempotencyKeys,
                    now - retention.StoppedWorkers, retention.BatchSize),
                cancellationToken);
            total += batch.Total;
        }
        while (batch.Tasks == retention.BatchSize || batch.IdempotencyKeys == retention.BatchSize || batch.Workers == retention.BatchSize
            || batch.ScheduleExecutions == retention.BatchSize);

        if (total > 0)
        {
            LogPurged(total);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} rows")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention failed; the next pass tries again")]
    private partial void LogFailed(Exception error);
}
