using System.Collections.Concurrent;

namespace Durq.Server.Wakeups;

/// <summary>
/// In-process wake-ups for claims that wait: one pulse per (tenant, activity type). A waiting claim takes the
/// pulse's current task <em>before</em> it looks for work, so a task that arrives between the look and the wait still
/// wakes it. Work that becomes visible later (a delay, a retry's backoff) is announced by a timer when it is due
/// soon; everything else is found by the claim's slow poll, the safety net. Fired only by <see cref="WakeupRelay"/>.
/// </summary>
internal sealed class ClaimWakeups(TimeProvider time)
{
    /// <summary>Work due further ahead than this is left to the poll rather than kept on a timer.</summary>
    public static readonly TimeSpan LongestTimedWake = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<(string Tenant, string ActivityType), Pulse> _pulses = new();
    private readonly ConcurrentDictionary<TimedWake, byte> _timers = new();

    /// <summary>A task that completes at the next signal for any of <paramref name="activityTypes"/>.</summary>
    public Task NextSignal(string tenant, IReadOnlyList<string> activityTypes) => activityTypes.Count == 1
        ? PulseFor(tenant, activityTypes[0]).Next
        : Task.WhenAny(activityTypes.Select(type => PulseFor(tenant, type).Next));

    /// <summary>Wakes the claims waiting for this activity type now, or when <paramref name="visibleAt"/> comes.</summary>
    public void Notify(string tenant, string activityType, DateTimeOffset? visibleAt)
    {
        var wait = visibleAt is { } due ? due - time.GetUtcNow() : TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
        {
            PulseFor(tenant, activityType).Fire();
        }
        else if (wait <= LongestTimedWake)
        {
            NotifyLater(tenant, activityType, wait);
        }
    }

    private void NotifyLater(string tenant, string activityType, TimeSpan wait)
    {
        // The entry is kept until the timer fires: an unreferenced timer could be collected before it is due.
        var entry = new TimedWake();
        _timers[entry] = 0;
        entry.Timer = time.CreateTimer(
            _ =>
            {
                PulseFor(tenant, activityType).Fire();
                _timers.TryRemove(entry, out byte _);
                entry.Timer?.Dispose();
            },
            null, wait, Timeout.InfiniteTimeSpan);
    }

    private Pulse PulseFor(string tenant, string activityType) => _pulses.GetOrAdd((tenant, activityType), _ => new Pulse());

    private sealed class TimedWake
    {
        public ITimer? Timer { get; set; }
    }

    private sealed class Pulse
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _next).Task;

        public void Fire() =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
