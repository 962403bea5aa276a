namespace Durq.Server.Scheduling;

/// <summary>Wakes this node's <see cref="ScheduleFirer"/> early: a schedule was created or changed here, so the earliest fire time may be sooner.</summary>
internal sealed class ScheduleWakeup
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Signal"/>; take it before looking, so a change made meanwhile still wakes.</summary>
    public Task Next() => Volatile.Read(ref _next).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
