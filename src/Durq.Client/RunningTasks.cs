using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Durq.Contracts;
using Microsoft.Extensions.Logging;

namespace Durq.Client;

/// <summary>
/// The claimed tasks of one worker from the claim to their report: each waits for a handler slot, runs on its own
/// (see <see cref="TaskExecutor"/>), and gives its slot back as soon as its handler ends. Owns the slots, the runs by
/// lease id and the stop: once <see cref="StopAsync"/> has counted the runs, no other task starts.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification =
    "The slots and the reports' token source are left to the collector: a handler that ignored its cancellation may still be running after the stop, and it releases its slot and reads that token when it ends.")]
internal sealed partial class RunningTasks
{
    /// <summary>How long cancelled handlers have to return, at the end of a shutdown, before the worker deregisters.</summary>
    public static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    private readonly string _workerId;
    private readonly TaskExecutor _executor;
    private readonly ClaimCapacity _capacity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _handlerSlots;
    private readonly ConcurrentDictionary<string, TaskRun> _running = new(StringComparer.Ordinal); // by lease id
    private readonly Lock _startGate = new();
    private bool _stopping; // under _startGate: no task starts once the running ones have been counted for the stop
    private readonly CancellationTokenSource _reportsStop = new();

    public RunningTasks(
        string workerId, int concurrency, TaskExecutor executor, ClaimCapacity capacity, TimeProvider time, ILogger logger)
    {
        _workerId = workerId;
        _executor = executor;
        _capacity = capacity;
        _time = time;
        _logger = logger;
        _handlerSlots = new SemaphoreSlim(concurrency, concurrency);
    }

    /// <summary>Handlers running now; sent as <c>current_load</c>.</summary>
    public int Count => _running.Count;

    /// <summary>Runs a claimed task as soon as a handler slot is free; a task claimed ahead waits for one.</summary>
    public void Start(ClaimedTaskResource task) => _ = Task.Run(async () =>
    {
        await _handlerSlots.WaitAsync(CancellationToken.None);
        var run = new TaskRun(task);
        lock (_startGate)
        {
            if (_stopping)
            {
                // Never started: deregistering puts it back to pending at once.
                _handlerSlots.Release();
                _capacity.Return(1);
                return;
            }

            _running[task.LeaseId] = run;
        }

        // The slot is a handler's: it is given back as soon as the handler ends, so the next claim overlaps the report
        // of this task (the server commits both in one group), while the run stays listed until its report is answered.
        var started = _time.GetTimestamp();
        var handlerEnded = 0;
        void HandlerDone()
        {
            if (Interlocked.Exchange(ref handlerEnded, 1) == 0)
            {
                _handlerSlots.Release();
                _capacity.Finished(_time.GetElapsedTime(started));
            }
        }

        try
        {
            await _executor.RunAsync(run, HandlerDone, _reportsStop.Token);
        }
        finally
        {
            _running.TryRemove(task.LeaseId, out _);
            HandlerDone();
            run.MarkFinished();
        }
    });

    /// <summary>
    /// Starts nothing more, lets what runs finish within <paramref name="shutdownTimeout"/>, then cancels it and gives it
    /// <see cref="CancelGrace"/>; whatever still runs after that may finish, but no longer heartbeats or reports.
    /// </summary>
    public async Task StopAsync(TimeSpan shutdownTimeout)
    {
        List<TaskRun> running;
        lock (_startGate)
        {
            _stopping = true;
            running = [.. _running.Values];
        }

        var finished = Task.WhenAll(running.Select(run => run.Finished));
        if (running.Count > 0 && !await FinishesWithinAsync(finished, shutdownTimeout))
        {
            LogCancellingRunning(_workerId, _running.Count);
            foreach (var run in running)
            {
                run.Cancel(DurqCancellationReason.Shutdown);
            }

            await FinishesWithinAsync(finished, CancelGrace);
        }

        // Deregistration releases the task of whatever still runs.
        await _reportsStop.CancelAsync();
    }

    private async Task<bool> FinishesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, _time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} is stopping; cancelling {Count} handlers still running after the shutdown timeout")]
    private partial void LogCancellingRunning(string workerId, int count);
}
