using Durq.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Client;

/// <summary>
/// The worker loop of API.md's pull protocol, as a hosted service: register, claim batches sized to free capacity, run
/// each task on its own, heartbeat the worker, and on stop finish or cancel what runs and deregister. The parts each own
/// their state: <see cref="WorkerRegistration"/> (registered, draining, heartbeats), <see cref="ClaimLoop"/> (claim
/// turns and backoff) and <see cref="RunningTasks"/> (handler slots, the runs, the stop); this class only puts them in
/// order. Network failures are logged and retried with backoff; they never stop the host.
/// </summary>
internal sealed class DurqWorker : BackgroundService
{
    /// <inheritdoc cref="WorkerRegistration.HeartbeatInterval"/>
    public static readonly TimeSpan HeartbeatInterval = WorkerRegistration.HeartbeatInterval;

    /// <inheritdoc cref="RunningTasks.CancelGrace"/>
    public static readonly TimeSpan CancelGrace = RunningTasks.CancelGrace;

    private readonly DurqWorkerOptions _options;
    private readonly HttpClient _http;
    private readonly CompletionBatcher _completions;
    private readonly RunningTasks _tasks;
    private readonly WorkerRegistration _registration;
    private readonly ClaimLoop _claims;

    public DurqWorker(
        DurqWorkerOptions options, TaskHandlers handlers, IServiceProvider services, TimeProvider time, ILogger<DurqWorker> logger)
    {
        _options = options;
        _http = CreateHttpClient(options);
        var client = new DurqClient(_http, options.ApiKey);
        _completions = new CompletionBatcher(client);
        var executor = new TaskExecutor(client, _completions, handlers, services, options.SerializerOptions, time, logger);
        var capacity = new ClaimCapacity(options.Concurrency, options.Prefetch ?? options.DefaultPrefetch);
        _tasks = new RunningTasks(options.WorkerId, options.Concurrency, executor, capacity, time, logger);
        _registration = new WorkerRegistration(client, options.WorkerId, Registration(options, handlers), () => Load, time, logger);
        _claims = new ClaimLoop(options, handlers.ActivityTypes, client, _registration, _tasks, capacity, time, logger);
    }

    public string WorkerId => _options.WorkerId;

    /// <summary>Handlers running now; sent as <c>current_load</c>.</summary>
    public int Load => _tasks.Count;

    // The handler slots and the reports' token source stay with RunningTasks, for handlers that outlive the stop.
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
            await _registration.RegisterAsync(stoppingToken);
            heartbeats = _registration.HeartbeatLoopAsync(heartbeatStop.Token);
            await _claims.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: claiming ends here, and what runs is finished below.
        }

        await _tasks.StopAsync(_options.ShutdownTimeout);
        // Every report has been answered by now; this ends the batcher's loop.
        await _completions.DisposeAsync();
        // Heartbeats end first: one answered "not found" after the deregistration would register the worker again.
        await heartbeatStop.CancelAsync();
        await heartbeats;
        await _registration.DeregisterAsync();
    }

    private static RegisterWorkerRequest Registration(DurqWorkerOptions options, TaskHandlers handlers) => new()
    {
        ActivityTypes = handlers.ActivityTypes,
        MaxConcurrency = options.Concurrency,
        WorkerGroup = options.WorkerGroup,
        Hostname = Environment.MachineName,
        Version = options.Version,
    };

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
}
