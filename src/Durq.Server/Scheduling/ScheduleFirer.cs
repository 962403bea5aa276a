using Durq.Core.Errors;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Scheduling;

/// <summary>
/// Fires the schedules of every tenant, on every node. It sleeps until the earliest fire time of any schedule (one
/// step down an index), at most <see cref="MaxSleep"/>, or until a schedule is created or changed on this node; then
/// fires every due schedule, each in one write. Nodes need no leader and hold nothing in memory: each fire locks its
/// schedule's row and writes its execution under a unique key, so a node that comes second finds the time handled.
/// The 1 s cap is what bounds the lag for a schedule another node just created, and for a node taking over from one
/// that died.
/// </summary>
internal sealed partial class ScheduleFirer(
    IScheduleStore store, ScheduleWakeup wakeup, TimeProvider time, IOptions<QueueOptions> queue, ILogger<ScheduleFirer> logger)
    : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    /// <summary>The most schedules one look fires; more due go in the next look, at once.</summary>
    private const int BatchSize = 200;

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    /// <summary>The time the last look asked for due schedules with (at the store's precision).</summary>
    private DateTimeOffset _lookedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = wakeup.Next();
            var sleep = MaxSleep;
            try
            {
                sleep = await FireDueAsync(stoppingToken) == BatchSize ? TimeSpan.Zero : SleepUntil(await store.NextFireAtAsync(stoppingToken));
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(error);
            }

            await SleepAsync(sleep, woken, stoppingToken);
        }
    }

    /// <summary>One look: every schedule due now is fired, the fires submitted together so the store commits them in one batch.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _lookedAt = Rfc3339.ToStoredPrecision(now);
        var due = await store.DueSchedulesAsync(_lookedAt, BatchSize, cancellationToken);
        await Task.WhenAll(due.Select(schedule => FireAsync(schedule, now, cancellationToken)));
        return due.Count;
    }

    private async Task FireAsync(DueSchedule due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var executions = await store.FireScheduleAsync(
                new FireScheduleParams(due.Tenant, due.ScheduleId, queue.Value.MaxPendingFor(due.Tenant), now), cancellationToken);
            foreach (var execution in executions)
            {
                LogFired(due.ScheduleId, due.Tenant, execution.ScheduledFor, execution.Outcome.ToWire(), execution.TaskId, execution.Reason);
            }
        }
        catch (DurqException refused)
        {
            // One schedule that cannot fire (its stored options refused by a newer rule, say) must not stop the others.
            LogFireRefused(refused, due.ScheduleId, due.Tenant);
        }
    }

    /// <summary>
    /// Until the next fire time, at most <see cref="MaxSleep"/>, rounded up to a whole millisecond (a timer rounds down,
    /// and would wake a look just before the time). One that came due since the look is looked at again at once; one
    /// that was already due at the look and is still there was refused or is being fired by another node: it is looked
    /// at again after <see cref="RetryPause"/>, not in a busy loop.
    /// </summary>
    private TimeSpan SleepUntil(DateTimeOffset? next)
    {
        if (next is not { } at)
        {
            return MaxSleep;
        }

        if (at <= _lookedAt)
        {
            return RetryPause;
        }

        var wait = at - time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.Zero
            : wait >= MaxSleep ? MaxSleep
            : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
    }

    private async Task SleepAsync(TimeSpan sleep, Task woken, CancellationToken stoppingToken)
    {
        if (sleep <= TimeSpan.Zero)
        {
            return;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(sleep, time, wake.Token);
        await Task.WhenAny(delay, woken);
        await wake.CancelAsync();
        await delay.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // Debug: an every-second schedule would otherwise write a line a second; the executions list keeps every fire.
    [LoggerMessage(EventId = 2101, EventName = "ScheduleFired", Level = LogLevel.Debug, Message =
        "Schedule {ScheduleId} (tenant {Tenant}) {Outcome} its fire time {ScheduledFor}: task {TaskId} {Reason}")]
    private partial void LogFired(Guid scheduleId, string tenant, DateTimeOffset scheduledFor, string outcome, Guid? taskId, string? reason);

    [LoggerMessage(EventId = 2102, EventName = "ScheduleFireRefused", Level = LogLevel.Warning, Message =
        "Schedule {ScheduleId} (tenant {Tenant}) could not fire; it is tried again at the next look")]
    private partial void LogFireRefused(Exception error, Guid scheduleId, string tenant);

    [LoggerMessage(EventId = 2103, EventName = "ScheduleFirerFailed", Level = LogLevel.Error, Message =
        "Firing schedules failed; the next look, within a second, tries again")]
    private partial void LogFailed(Exception error);
}
