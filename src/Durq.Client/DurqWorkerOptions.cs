using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Durq.Client;

/// <summary>How a <see cref="DurqWorkerBuilder">Durq worker</see> connects, identifies itself and paces its work.</summary>
public sealed class DurqWorkerOptions
{
    /// <summary>The highest <c>max_tasks</c> a claim may ask for (API.md).</summary>
    public const int MaxClaimBatch = 500;

    /// <summary>The longest <c>wait_ms</c> a claim may ask for (API.md).</summary>
    public const int MaxClaimWaitMs = 30_000;

    /// <summary>The Durq server root, e.g. <c>http://127.0.0.1:8080</c>. Required.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>
    /// The API key the worker sends as <c>Authorization: Bearer</c> on every request (it needs the <c>work</c> scope).
    /// Default (null, or empty): none, for a server that takes anonymous requests. The worker never logs it; the SDK does not
    /// read <c>DURQ_API_KEY</c> itself, so bind it from your configuration, e.g. <c>options.ApiKey = config["Durq:ApiKey"]</c>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The worker's id, 1–200 characters, unique among the server's workers. Default: machine name, process id and a
    /// random suffix, e.g. <c>web-01-4242-9f3a1c</c>, so two processes on one machine never share one.
    /// </summary>
    public string WorkerId { get; set; } = DefaultWorkerId();

    /// <summary>How many handlers may run at once; registered as <c>max_concurrency</c>. Default 16.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>The most tasks one claim asks for, 1–500. Default (null): as many as there are free slots, at most 500.</summary>
    public int? MaxTasksPerClaim { get; set; }

    /// <summary>
    /// The most tasks the worker may claim ahead of its free handler slots, 0–500; they start as slots free up. The
    /// worker claims ahead only as many as its handlers, at their average pace, start within a quarter of a second, so
    /// a task claimed ahead spends little of its lease and timeout (both start at the claim) waiting: many for tasks of
    /// milliseconds, none for tasks of seconds. It makes claims and completion batches larger, which is most of a busy
    /// worker's throughput with short tasks. 0 turns it off. Default (null): 16 times <see cref="Concurrency"/>, at most 500.
    /// </summary>
    public int? Prefetch { get; set; }

    internal int DefaultPrefetch => Math.Min(16 * Concurrency, MaxClaimBatch);

    /// <summary>How long a claim waits on the server for work when none is ready, 0–30000 ms. Default 10000.</summary>
    public int ClaimWaitMs { get; set; } = 10_000;

    /// <summary>An optional group name shown with the worker (<c>worker_group</c>). Default: none.</summary>
    public string? WorkerGroup { get; set; }

    /// <summary>An optional version string shown with the worker, e.g. your application's version. Default: none.</summary>
    public string? Version { get; set; }

    /// <summary>
    /// How long a stopping worker waits for running handlers to finish before it cancels them. Handlers then have up
    /// to 5 more seconds to return before the worker deregisters, which puts their tasks back to pending at once.
    /// Keep the sum below the host's <c>HostOptions.ShutdownTimeout</c> (30 s by default). Default 20 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Reads typed handler inputs and writes their results. Default <see cref="JsonSerializerOptions.Web"/> (camelCase,
    /// reflection-based). Options without a resolver use reflection; set a source-generated context's options
    /// (<c>MyJsonContext.Default.Options</c>) to avoid it.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = JsonSerializerOptions.Web;

    /// <summary>
    /// Creates the handler the worker's HTTP requests go through, for a proxy, client certificates or an in-memory test
    /// server. The worker disposes it when it is disposed. Default (null): a <see cref="SocketsHttpHandler"/>.
    /// </summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; set; }

    /// <summary>Throws naming every option that is out of range, so a misconfigured worker fails at start.</summary>
    internal void Validate(int handlerCount)
    {
        var problems = new List<string>();
        if (ServerUrl is not { IsAbsoluteUri: true })
        {
            problems.Add("ServerUrl must be the absolute URL of the Durq server, e.g. http://127.0.0.1:8080.");
        }

        if (!string.IsNullOrEmpty(ApiKey) && !ApiKeys.IsWellFormed(ApiKey))
        {
            problems.Add($"ApiKey is malformed: {ApiKeys.Problem}.");
        }

        if (WorkerId is not { Length: > 0 and <= 200 })
        {
            problems.Add("WorkerId must be 1 to 200 characters long.");
        }

        if (Concurrency < 1)
        {
            problems.Add($"Concurrency must be at least 1; it is {Concurrency}.");
        }

        if (MaxTasksPerClaim is < 1 or > MaxClaimBatch)
        {
            problems.Add($"MaxTasksPerClaim must be 1 to {MaxClaimBatch} or null; it is {MaxTasksPerClaim}.");
        }

        if (Prefetch is < 0 or > MaxClaimBatch)
        {
            problems.Add($"Prefetch must be 0 to {MaxClaimBatch} or null; it is {Prefetch}.");
        }

        if (ClaimWaitMs is < 0 or > MaxClaimWaitMs)
        {
            problems.Add($"ClaimWaitMs must be 0 to {MaxClaimWaitMs}; it is {ClaimWaitMs}.");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add($"ShutdownTimeout must not be negative; it is {ShutdownTimeout}.");
        }

        if (SerializerOptions is null)
        {
            problems.Add("SerializerOptions must not be null.");
        }

        if (handlerCount == 0)
        {
            problems.Add("No handlers: call Handle(...) on the builder AddDurqWorker returns, once per activity type.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The Durq worker is misconfigured: " + string.Join(" ", problems));
        }
    }

    private static string DefaultWorkerId() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
}
