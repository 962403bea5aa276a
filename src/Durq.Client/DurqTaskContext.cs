using Durq.Contracts;

namespace Durq.Client;

/// <summary>What a handler knows about the task it runs, and the token that tells it to stop.</summary>
public sealed class DurqTaskContext
{
    private readonly TaskRun _run;
    private readonly Func<TaskRun, RawJson?, Task> _heartbeat;

    internal DurqTaskContext(TaskRun run, IServiceProvider services, Func<TaskRun, RawJson?, Task> heartbeat)
    {
        _run = run;
        _heartbeat = heartbeat;
        Services = services;
    }

    public string TaskId => _run.Task.Id;

    public string ActivityType => _run.Task.ActivityType;

    /// <summary>This run's number, 1-based: 1 on the first run, 2 on the first retry, and so on.</summary>
    public int Attempt => _run.Task.Attempt;

    public int MaxAttempts => _run.Task.MaxAttempts;

    /// <summary>The lease this run holds; the worker presents it with every heartbeat and report.</summary>
    public string LeaseId => _run.Task.LeaseId;

    public int Priority => _run.Task.Priority;

    /// <summary>When the server fails this run as <c>timeout</c>, whatever the heartbeats say.</summary>
    public DateTimeOffset TimeoutAt => _run.Task.TimeoutAt;

    /// <summary>The W3C <c>traceparent</c> the task was enqueued with, if any; the worker's activity is its child.</summary>
    public string? Traceparent => _run.Task.Traceparent;

    /// <summary>A dependency-injection scope of this task's own, disposed when the handler returns.</summary>
    public IServiceProvider Services { get; }

    /// <summary>
    /// Fires when the task is cancelled, when its lease is lost, or when the worker stops and its shutdown timeout
    /// runs out; <see cref="CancellationReason"/> says which.
    /// </summary>
    public CancellationToken CancellationToken => _run.Token;

    /// <summary>Why <see cref="CancellationToken"/> fired; null while it has not.</summary>
    public DurqCancellationReason? CancellationReason => _run.Reason;

    /// <summary>
    /// Sends a heartbeat now, with an optional progress note stored as the task's <c>heartbeat_details</c>. The worker
    /// already heartbeats on its own; call this to report progress. Failures are logged, not thrown: a lost lease or a
    /// cancel request shows up on <see cref="CancellationToken"/>.
    /// </summary>
    public Task HeartbeatAsync(RawJson? details = null) => _heartbeat(_run, details);
}
