using System.Diagnostics;
using System.Text.Json;
using Durq.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durq.Client;

/// <summary>
/// Runs one claimed task from start to report: calls its handler, keeps its lease alive with heartbeats meanwhile,
/// then completes or fails it. Never throws; everything that goes wrong is logged.
/// </summary>
internal sealed partial class TaskExecutor(
    DurqClient client, CompletionBatcher completions, TaskHandlers handlers, IServiceProvider services, JsonSerializerOptions serializer,
    TimeProvider time, ILogger logger)
{
    // A lease of 1 s (the shortest allowed) gets a heartbeat every 333 ms; below this, skewed clocks would mean a storm.
    private static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(200);
    // After a heartbeat fails, the next one comes this soon (or at the usual interval, if that is sooner).
    private static readonly TimeSpan HeartbeatRetryInterval = TimeSpan.FromSeconds(1);
    private static readonly ActivitySource Activities = new(DurqClientTelemetry.ActivitySourceName);

    /// <param name="handlerDone">Called once the handler has ended, before the report is sent.</param>
    /// <param name="reportsStop">Fires when the worker gives up on its running tasks at the end of a shutdown.</param>
    public async Task RunAsync(TaskRun run, Action handlerDone, CancellationToken reportsStop)
    {
        try
        {
            var outcome = await InvokeWithHeartbeatsAsync(run, reportsStop);
            handlerDone();
            await ReportAsync(run, outcome, reportsStop);
        }
        catch (OperationCanceledException) when (reportsStop.IsCancellationRequested)
        {
            LogAbandoned(run.Task.Id);
        }
        catch (Exception error)
        {
            LogUnexpected(error, run.Task.Id);
        }
    }

    /// <summary>The heartbeat interval for a lease: a third of what is left of it, by the worker's clock.</summary>
    public TimeSpan HeartbeatInterval(DateTimeOffset leaseExpiresAt)
    {
        var third = (leaseExpiresAt - time.GetUtcNow()) / 3;
        return third > MinHeartbeatInterval ? third : MinHeartbeatInterval;
    }

    private async Task<Outcome> InvokeWithHeartbeatsAsync(TaskRun run, CancellationToken reportsStop)
    {
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(reportsStop);
        var heartbeats = KeepLeaseAsync(run, heartbeatStop.Token);
        var outcome = await InvokeAsync(run, reportsStop);
        // Heartbeats end before the report, so a late one cannot answer lease_lost for a task just completed.
        await heartbeatStop.CancelAsync();
        await heartbeats;
        return outcome;
    }

    private async Task<Outcome> InvokeAsync(TaskRun run, CancellationToken reportsStop)
    {
        var task = run.Task;
        using var activity = StartActivity(task);
        await using var scope = services.CreateAsyncScope();
        var context = new DurqTaskContext(run, scope.ServiceProvider, (r, details) => HeartbeatAsync(r, details, reportsStop));
        try
        {
            var handler = handlers.Find(task.ActivityType)
                ?? throw new InvalidOperationException($"This worker has no handler for activity type '{task.ActivityType}'.");
            return new Outcome(await handler(task.Input, context, serializer), null);
        }
        catch (Exception error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            return new Outcome(null, error);
        }
    }

    private async Task KeepLeaseAsync(TaskRun run, CancellationToken cancellationToken)
    {
        try
        {
            var interval = HeartbeatInterval(run.LeaseExpiresAt);
            while (run.Reason != DurqCancellationReason.LeaseLost)
            {
                await Task.Delay(interval, time, cancellationToken);
                var renewed = await HeartbeatAsync(run, null, cancellationToken);
                interval = HeartbeatInterval(run.LeaseExpiresAt);
                if (!renewed && interval > HeartbeatRetryInterval)
                {
                    interval = HeartbeatRetryInterval;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The handler returned, or the worker gave up on it.
        }
    }

    /// <summary>Renews the lease; true when it was renewed. A cancel request or a lost lease cancels the handler.</summary>
    private async Task<bool> HeartbeatAsync(TaskRun run, RawJson? details, CancellationToken cancellationToken)
    {
        var task = run.Task;
        try
        {
            var answer = await client.HeartbeatTaskAsync(task.Id, task.LeaseId, details, cancellationToken);
            run.LeaseExpiresAt = answer.LeaseExpiresAt;
            if (answer.ShouldCancel && run.Reason is null)
            {
                LogCancelRequested(task.Id);
                run.Cancel(DurqCancellationReason.CancelRequested);
            }

            return true;
        }
        catch (DurqProblemException error) when (error.Code is "lease_lost" or "not_found")
        {
            LogLeaseLost(task.Id, error.Detail);
            run.Cancel(DurqCancellationReason.LeaseLost);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false; // the run is over, or the worker gave up on it
        }
        catch (Exception error)
        {
            LogHeartbeatFailed(error, task.Id);
            return false;
        }
    }

    private async Task ReportAsync(TaskRun run, Outcome outcome, CancellationToken cancellationToken)
    {
        var task = run.Task;
        if (run.Reason == DurqCancellationReason.LeaseLost)
        {
            LogNotReported(task.Id, "its lease was lost");
            return;
        }

        if (run.Reason == DurqCancellationReason.Shutdown && outcome.Error is OperationCanceledException)
        {
            LogNotReported(task.Id, "the worker stopped it; deregistering puts it back to pending");
            return;
        }

        for (var failures = 1; ; failures++)
        {
            try
            {
                await SendReportAsync(task, outcome, cancellationToken);
                return;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                if (!TransientErrors.Is(error) || time.GetUtcNow() >= run.LeaseExpiresAt)
                {
                    LogReportRefused(error, task.Id);
                    return;
                }

                LogReportRetrying(error, task.Id);
                await Task.Delay(Backoff.Delay(failures), time, cancellationToken);
            }
        }
    }

    private async Task SendReportAsync(ClaimedTaskResource task, Outcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Error is not { } error)
        {
            await completions.CompleteAsync(task.Id, task.LeaseId, outcome.Result, cancellationToken);
            LogCompleted(task.Id, task.ActivityType);
            return;
        }

        var type = error.GetType().FullName ?? error.GetType().Name;
        bool? retryable = error is NonRetryableException ? false : null;
        var answer = await client.FailTaskAsync(task.Id, task.LeaseId, new TaskErrorInput(error.Message, type), retryable, cancellationToken);
        LogFailed(error, task.Id, task.ActivityType, task.Attempt, answer.Status);
    }

    private static Activity? StartActivity(ClaimedTaskResource task)
    {
        if (!Activities.HasListeners())
        {
            return null;
        }

        _ = ActivityContext.TryParse(task.Traceparent, null, isRemote: true, out var parent);
        // OpenTelemetry's messaging conventions for a consumer's process span; durq.* says what they have no name for.
        return Activities.StartActivity("process " + task.ActivityType, ActivityKind.Consumer, parent)
            ?.SetTag("messaging.system", "durq")
            .SetTag("messaging.operation.type", "process")
            .SetTag("messaging.operation.name", "process")
            .SetTag("messaging.destination.name", task.ActivityType)
            .SetTag("messaging.message.id", task.Id)
            .SetTag("durq.task.id", task.Id)
            .SetTag("durq.task.activity_type", task.ActivityType)
            .SetTag("durq.task.attempt", task.Attempt);
    }

    private readonly record struct Outcome(RawJson? Result, Exception? Error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId} ({ActivityType}) completed")]
    private partial void LogCompleted(string taskId, string activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} ({ActivityType}) failed on attempt {Attempt}; it is now {Status}")]
    private partial void LogFailed(Exception error, string taskId, string activityType, int attempt, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} was cancelled; its handler is asked to stop")]
    private partial void LogCancelRequested(string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} lost its lease: {Detail}")]
    private partial void LogLeaseLost(string taskId, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat for task {TaskId} failed; trying again")]
    private partial void LogHeartbeatFailed(Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} is not reported: {Why}")]
    private partial void LogNotReported(string taskId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting task {TaskId} failed; trying again")]
    private partial void LogReportRetrying(Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reporting task {TaskId} failed; it is not retried. Unless the server recorded it, the task runs again once its lease expires")]
    private partial void LogReportRefused(Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} was abandoned as the worker stopped")]
    private partial void LogAbandoned(string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Running task {TaskId} failed unexpectedly")]
    private partial void LogUnexpected(Exception error, string taskId);
}
