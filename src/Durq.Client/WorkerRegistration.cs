using Durq.Contracts;
using Microsoft.Extensions.Logging;

namespace Durq.Client;

/// <summary>
/// The worker as the server knows it: registers it (again when the server has forgotten it), heartbeats it with its
/// load, follows the draining flag the server answers with, and deregisters it at the end. It alone decides whether the
/// worker counts as registered and whether it is draining; the claim loop only asks.
/// </summary>
internal sealed partial class WorkerRegistration
{
    /// <summary>How often the worker tells the server it is alive; the server counts a worker silent for 60 s as stopped.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan DeregisterTimeout = TimeSpan.FromSeconds(5);

    private readonly DurqClient _client;
    private readonly RegisterWorkerRequest _request;
    private readonly Func<int> _load;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _registered;
    // Set while the server says the worker is draining. One reference, swapped atomically, is all the state there is,
    // so a registration and a heartbeat that answer at once need no lock between them.
    private TaskCompletionSource? _resumed;

    public WorkerRegistration(
        DurqClient client, string workerId, RegisterWorkerRequest request, Func<int> load, TimeProvider time, ILogger logger)
    {
        _client = client;
        WorkerId = workerId;
        _request = request;
        _load = load;
        _time = time;
        _logger = logger;
    }

    public string WorkerId { get; }

    /// <summary>Registers the worker, trying again with backoff until the server answers or the token is cancelled.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        for (var failures = 1; !await TryRegisterAsync(cancellationToken); failures++)
        {
            await Task.Delay(Backoff.Delay(failures), _time, cancellationToken);
        }
    }

    /// <summary>Registers the worker again if a claim found the server no longer knows it.</summary>
    public Task EnsureRegisteredAsync(CancellationToken cancellationToken) =>
        _registered ? Task.CompletedTask : RegisterAsync(cancellationToken);

    /// <summary>A claim was answered "not found": the server may not know this worker; registering again costs one request.</summary>
    public void Forget() => _registered = false;

    /// <summary>Completes at once, or when the server stops saying the worker is draining.</summary>
    public Task WhenNotDraining() => Volatile.Read(ref _resumed)?.Task ?? Task.CompletedTask;

    /// <summary>Heartbeats the worker until the token is cancelled, which ends the loop without an error.</summary>
    public async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
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

    /// <summary>Deregisters the worker, if it was registered; its tasks still held go back to pending at once.</summary>
    public async Task DeregisterAsync()
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

    private async Task<bool> TryRegisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            var worker = await _client.RegisterWorkerAsync(WorkerId, _request, cancellationToken);
            _registered = true;
            SetDraining(worker.Draining);
            LogRegistered(WorkerId, string.Join(", ", _request.ActivityTypes), _request.MaxConcurrency);
            return true;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogRegisterFailed(error, WorkerId);
            return false;
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _client.HeartbeatWorkerAsync(WorkerId, _load(), cancellationToken);
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
        if (draining)
        {
            // The read first, so that every heartbeat of a draining worker does not build a source only to drop it.
            if (Volatile.Read(ref _resumed) is null
                && Interlocked.CompareExchange(ref _resumed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null) is null)
            {
                LogDraining(WorkerId);
            }
        }
        else if (Interlocked.Exchange(ref _resumed, null) is { } resumed)
        {
            resumed.TrySetResult();
            LogResumed(WorkerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq worker {WorkerId} registered for {ActivityTypes} with concurrency {Concurrency}")]
    private partial void LogRegistered(string workerId, string activityTypes, int? concurrency);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq worker {WorkerId} deregistered; {ReleasedTasks} tasks it held went back to pending")]
    private partial void LogDeregistered(string workerId, int releasedTasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} could not deregister; its tasks go back to pending when their leases expire")]
    private partial void LogDeregisterFailed(Exception error, string workerId);
}
