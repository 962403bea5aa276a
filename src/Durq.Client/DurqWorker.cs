using System.Collections.Concurrent;
using Durq.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Client;

/// <summary>
/// The worker loop of API.md's pull protocol: register, claim batches sized to free capacity, run each task on its
/// own (see <see cref="TaskExecutor"/>), heartbeat the worker, and on stop finish or cancel what runs and deregister.
/// Network failures are logged and retried with backoff; they never stop the host.
/// </summary>
internal sealed partial class DurqWorker : BackgroundService
{
    /// <summary>How often the worker tells the server it is alive; the server counts a worker silent for 60 s as stopped.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long cancelled handlers have to return, at the end of a shutdown, before the worker deregisters.</summary>
    public static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan DeregisterTimeout = TimeSpan.FromSeconds(5);
    // After an empty claim that came back early (no long-poll, or a draining worker), wait this long before the next.
    private static readonly TimeSpan EmptyClaimPause = TimeSpan.FromSeconds(1);
    private const int MaxClaimsInFlight = 2;

    private readonly DurqWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly DurqClient _client;
    private readonly CompletionBatcher _completions;
    private readonly TaskExecutor _executor;
    private readonly RegisterWorkerRequest _registration;
    private readonly ClaimTasksRequest _claim;
    private readonly ClaimCapacity _capacity;
    private readonly SemaphoreSlim _handlerSlots;
    private readonly Lock _startGate = new();
    private bool _stopping; // under _startGate: no task starts once the running ones have been counted for the stop
    private readonly SemaphoreSlim _claimTurns = new(MaxClaimsInFlight, MaxClaimsInFlight);
    private int _claimFailures;
    private readonly ConcurrentDictionary<string, TaskRun> _running = new(StringComparer.Ordinal); // by lease id
    private readonly CancellationTokenSource _reportsStop = new();
    private readonly Lock _drainingGate = new();
    private TaskCompletionSource? _resumed; // set while the server says the worker is draining
    private volatile bool _registered;

    public DurqWorker(
        DurqWorkerOptions options, TaskHandlers handlers, IServiceProvider services, TimeProvider time, ILogger<DurqWorker> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _http = CreateHttpClient(options);
        _client = new DurqClient(_http);
        _completions = new CompletionBatcher(_client);
        _executor = new TaskExecutor(_client, _completions, handlers, services, options.SerializerOptions, time, logger);
        _capacity = new ClaimCapacity(options.Concurrency, options.Prefetch ?? options.DefaultPrefetch);
        _handlerSlots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        _registration = new RegisterWorkerRequest
        {
            ActivityTypes = handlers.ActivityTypes,
            MaxConcurrency = options.Concurrency,
            WorkerGroup = options.WorkerGroup,
            Hostname = Environment.MachineName,
            Version = options.Version,
        };
        _claim = new ClaimTasksRequest { WorkerId = options.WorkerId, ActivityTypes = handlers.ActivityTypes, WaitMs = options.ClaimWaitMs };
    }

    public string WorkerId => _options.WorkerId;

    /// <summary>Handlers running now; sent as <c>current_load</c>.</summary>
    public int Load => _running.Count;

    // The slots and the reports' token source are left to the collector: a handler that ignored its cancellation may
    // still be running, and it releases its slot and reads that token when it ends.
    public override void Dispose()
    {
        base.Dispose();
        _completions.Close();
        _http.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeats = Task.CompletedTask;
        try
        {
            await RegisterAsync(stoppingToken);
            heartbeats = HeartbeatLoopAsync(heartbeatStop.Token);
            await ClaimLoopAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: claiming ends here, and what runs is finished below.
        }

        await StopRunningTasksAsync();
        // Every report has been answered by now; this ends the batcher's loop.
        await _completions.DisposeAsync();
        // Heartbeats end first: one answered "not found" after the deregistration would register the worker again.
        await heartbeatStop.CancelAsync();
        await heartbeats;
        await DeregisterAsync();
    }

    private static HttpClient CreateHttpClient(DurqWorkerOptions options)
    {
        var handler = options.HttpMessageHandlerFactory?.Invoke()
            ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var root = options.ServerUrl!.AbsoluteUri;
        return new HttpClient(handler, disposeHandler: true)
        {
            // A trailing slash, so that a server under a path prefix keeps its prefix.
            BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/"),
            // Long enough for the longest long-poll; a request to a hung server fails after it instead of never.
            Timeout = TimeSpan.FromMilliseconds(options.ClaimWaitMs) + TimeSpan.FromSeconds(30),
        };
    }

    // Registration and worker heartbeats

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        for (var failures = 1; !await TryRegisterAsync(cancellationToken); failures++)
        {
            await Task.Delay(Backoff.Delay(failures), _time, cancellationToken);
        }
    }

    private async Task<bool> TryRegisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            var worker = await _client.RegisterWorkerAsync(WorkerId, _registration, cancellationToken);
            _registered = true;
            SetDraining(worker.Draining);
            LogRegistered(WorkerId, string.Join(", ", _registration.ActivityTypes), _options.Concurrency);
            return true;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogRegisterFailed(error, WorkerId);
            return false;
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, _time, cancellationToken);
                await HeartbeatAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is deregistering.
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _client.HeartbeatWorkerAsync(WorkerId, Load, cancellationToken);
            SetDraining(answer.Draining);
        }
        catch (DurqProblemException error) when (error.Code == "not_found")
        {
            // The server no longer knows this worker (its data was reset, or it dropped a long-silent worker).
            LogUnknownToServer(WorkerId);
            await TryRegisterAsync(cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogHeartbeatFailed(error, WorkerId);
        }
    }

    private void SetDraining(bool draining)
    {
        lock (_drainingGate)
        {
            if (draining && _resumed is null)
            {
                _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                LogDraining(WorkerId);
            }
            else if (!draining && _resumed is not null)
            {
                _resumed.TrySetResult();
                _resumed = null;
                LogResumed(WorkerId);
            }
        }
    }

    private Task WhenNotDraining()
    {
        lock (_drainingGate)
        {
            return _resumed?.Task ?? Task.CompletedTask;
        }
    }

    // Claiming

    private async Task ClaimLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (!_registered)
                {
                    await RegisterAsync(cancellationToken);
                }

                await WhenNotDraining().WaitAsync(cancellationToken);
                await _claimTurns.WaitAsync(cancellationToken);
                int wanted;
                try
                {
                    wanted = await TakeClaimableAsync(cancellationToken);
                }
                catch
                {
                    _claimTurns.Release();
                    throw;
                }

                _ = ClaimAndStartAsync(wanted, cancellationToken);
            }
        }
        finally
        {
            // No claim may start tasks once stopping has begun: wait until every claim in flight has ended.
            for (var turn = 0; turn < MaxClaimsInFlight; turn++)
            {
                await _claimTurns.WaitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// One claim, its tasks started, then its turn given back, after a pause when it failed or came back empty early.
    /// Two claims are in flight at once so that slots freed while one is on its way are filled by the next, instead of
    /// each claim carrying alternately one task and the rest (which halves a busy worker's rate).
    /// </summary>
    private async Task ClaimAndStartAsync(int wanted, CancellationToken cancellationToken)
    {
        try
        {
            var started = _time.GetTimestamp();
            var claimed = await TryClaimAsync(wanted, cancellationToken);
            if (claimed is null)
            {
                await Task.Delay(Backoff.Delay(Interlocked.Increment(ref _claimFailures)), _time, cancellationToken);
                return;
            }

            Interlocked.Exchange(ref _claimFailures, 0);
            foreach (var task in claimed)
            {
                Start(task);
            }

            if (claimed.Count == 0 && _time.GetElapsedTime(started) < TimeSpan.FromMilliseconds(_options.ClaimWaitMs / 2.0))
            {
                await Task.Delay(EmptyClaimPause, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping.
        }
        finally
        {
            _claimTurns.Release();
        }
    }

    /// <summary>Waits until a task may be claimed, then takes as many as may be claimed now, up to one claim's worth.</summary>
    private Task<int> TakeClaimableAsync(CancellationToken cancellationToken) =>
        _capacity.TakeAsync(_options.MaxTasksPerClaim ?? DurqWorkerOptions.MaxClaimBatch, cancellationToken);

    /// <summary>Claims up to <paramref name="wanted"/> tasks and gives back the room it did not fill; null when the claim failed.</summary>
    private async Task<IReadOnlyList<ClaimedTaskResource>?> TryClaimAsync(int wanted, CancellationToken cancellationToken)
    {
        IReadOnlyList<ClaimedTaskResource> claimed = [];
        try
        {
            claimed = await _client.ClaimTasksAsync(_claim with { MaxTasks = wanted }, cancellationToken);
            return claimed;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogClaimFailed(error, WorkerId);
            if (error is DurqProblemException { Code: "not_found" })
            {
                _registered = false; // the server may not know this worker; registering again costs one request
            }

            return null;
        }
        finally
        {
            _capacity.Return(wanted - claimed.Count);
        }
    }

    /// <summary>Runs a claimed task as soon as a handler slot is free; a task claimed ahead waits for one.</summary>
    private void Start(ClaimedTaskResource task) => _ = Task.Run(async () =>
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

    // Stopping

    private async Task StopRunningTasksAsync()
    {
        List<TaskRun> running;
        lock (_startGate)
        {
            _stopping = true;
            running = [.. _running.Values];
        }

        var finished = Task.WhenAll(running.Select(run => run.Finished));
        if (running.Count > 0 && !await FinishesWithinAsync(finished, _options.ShutdownTimeout))
        {
            LogCancellingRunning(WorkerId, _running.Count);
            foreach (var run in running)
            {
                run.Cancel(DurqCancellationReason.Shutdown);
            }

            await FinishesWithinAsync(finished, CancelGrace);
        }

        // Whatever still runs may finish, but it no longer heartbeats or reports: deregistration releases its task.
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

    private async Task DeregisterAsync()
    {
        if (!_registered)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(DeregisterTimeout, _time);
        try
        {
            var answer = await _client.DeregisterWorkerAsync(WorkerId, timeout.Token);
            LogDeregistered(WorkerId, answer.ReleasedTasks);
        }
        catch (Exception error)
        {
            LogDeregisterFailed(error, WorkerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq worker {WorkerId} registered for {ActivityTypes} with concurrency {Concurrency}")]
    private partial void LogRegistered(string workerId, string activityTypes, int concurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} could not register; trying again")]
    private partial void LogRegisterFailed(Exception error, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} is unknown to the server; registering again")]
    private partial void LogUnknownToServer(string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of Durq worker {WorkerId} failed")]
    private partial void LogHeartbeatFailed(Exception error, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq worker {WorkerId} is draining: it claims nothing until resumed")]
    private partial void LogDraining(string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq worker {WorkerId} resumed claiming")]
    private partial void LogResumed(string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} could not claim tasks; trying again")]
    private partial void LogClaimFailed(Exception error, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} is stopping; cancelling {Count} handlers still running after the shutdown timeout")]
    private partial void LogCancellingRunning(string workerId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq worker {WorkerId} deregistered; {ReleasedTasks} tasks it held went back to pending")]
    private partial void LogDeregistered(string workerId, int releasedTasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} could not deregister; its tasks go back to pending when their leases expire")]
    private partial void LogDeregisterFailed(Exception error, string workerId);
}
