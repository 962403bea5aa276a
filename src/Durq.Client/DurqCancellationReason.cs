namespace Durq.Client;

/// <summary>Why <see cref="DurqTaskContext.CancellationToken"/> fired.</summary>
public enum DurqCancellationReason
{
    /// <summary>Someone cancelled the task (<c>POST /tasks/{id}/cancel</c>); a heartbeat answered <c>should_cancel</c>.</summary>
    CancelRequested = 1,

    /// <summary>The lease expired or was taken over; the task may already run elsewhere, and no report will count.</summary>
    LeaseLost,

    /// <summary>The worker is stopping and <see cref="DurqWorkerOptions.ShutdownTimeout"/> ran out.</summary>
    Shutdown,
}
