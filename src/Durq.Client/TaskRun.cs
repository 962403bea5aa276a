using System.Diagnostics.CodeAnalysis;
using Durq.Contracts;

namespace Durq.Client;

/// <summary>One claimed task while its handler runs: its lease as last renewed, and the token the handler watches.</summary>
[SuppressMessage("Reliability", "CA1001", Justification =
    "The source has no timer and no wait handle, so there is nothing to release, and a cancel that races the end of the run (a shutdown, a late heartbeat) must not meet a disposed source.")]
internal sealed class TaskRun(ClaimedTaskResource task)
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reason;
    // Kept as UTC ticks so that the heartbeat loop and a handler's own heartbeat never tear the value between them.
    private long _leaseExpiresAtTicks = task.LeaseExpiresAt.UtcTicks;

    public ClaimedTaskResource Task { get; } = task;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>When the lease runs out by the server's clock, as the claim or the last heartbeat answered.</summary>
    public DateTimeOffset LeaseExpiresAt
    {
        get => new(Interlocked.Read(ref _leaseExpiresAtTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _leaseExpiresAtTicks, value.UtcTicks);
    }

    public DurqCancellationReason? Reason => Volatile.Read(ref _reason) switch
    {
        0 => null,
        var reason => (DurqCancellationReason)reason,
    };

    /// <summary>Completes once the run has reported (or given up) and released its slot.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Cancels the handler; the first reason given is the one that sticks.</summary>
    public void Cancel(DurqCancellationReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, 0) == 0)
        {
            // CancelAsync runs the handler's callbacks on the thread pool, not on the heartbeat that noticed.
            _ = _cancellation.CancelAsync();
        }
    }

    public void MarkFinished() => _finished.TrySetResult();
}
