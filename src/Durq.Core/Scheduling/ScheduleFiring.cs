namespace Durq.Core.Scheduling;

/// <summary>
/// The one decision of when a schedule fires: given the first fire time not yet handled and the time now, which
/// fire times enqueue a task now and which fire time comes next. The store runs it inside the write that fires, on
/// the row it has locked, so every node decides the same from the same row.
/// </summary>
internal static class ScheduleFiring
{
    /// <summary>
    /// How late a fire time may be and still fire under catch-up <c>none</c>: a node that was busy, paused by the
    /// garbage collector, or that took over from a node that died, still fires the time it is a few seconds late for;
    /// a server started after minutes down fires none of the times it missed.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>The most missed fire times catch-up <c>all</c> fires after one gap (the oldest); later ones of that gap are dropped.</summary>
    public const int MaxCatchUp = 1000;

    /// <summary>The fire times due at <paramref name="now"/> for a schedule whose first unhandled time is <paramref name="nextFireAt"/>.</summary>
    /// <returns>The times to fire, oldest first (empty when none is due or catch-up drops them), and the first fire time after <paramref name="now"/>.</returns>
    public static FirePlan Plan(CronSchedule cron, ScheduleCatchUp catchUp, DateTimeOffset nextFireAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cron);
        if (nextFireAt > now)
        {
            return new FirePlan([], nextFireAt);
        }

        IReadOnlyList<DateTimeOffset> fire = catchUp switch
        {
            ScheduleCatchUp.All => Oldest(cron, nextFireAt, now, MaxCatchUp),
            ScheduleCatchUp.One => Latest(cron, nextFireAt, nextFireAt, now) is { } latest ? [latest] : [],
            _ => Latest(cron, nextFireAt, now - Grace, now) is { } recent ? [recent] : [],
        };
        return new FirePlan(fire, cron.NextAfter(now));
    }

    // The first unhandled time is taken as the fire time it is, never looked up again: a time a spring-forward moved
    // (02:30 fired at 03:00) is not a match of the expression at its own instant, so a search from it would pass it by.

    /// <summary>Up to <paramref name="limit"/> fire times from <paramref name="first"/> (one) to <paramref name="now"/>, oldest first.</summary>
    private static List<DateTimeOffset> Oldest(CronSchedule cron, DateTimeOffset first, DateTimeOffset now, int limit)
    {
        var times = new List<DateTimeOffset>();
        DateTimeOffset? time = first;
        while (time is { } due && due <= now && times.Count < limit)
        {
            times.Add(due);
            time = cron.NextAfter(due);
        }

        return times;
    }

    /// <summary>
    /// The last fire time from <paramref name="notBefore"/> to <paramref name="now"/> of those from <paramref name="first"/>
    /// (one, not after now) on, or null. Cron has no "previous time", so it looks back from now in windows that double
    /// (1 s, 2 s, 4 s, …): a gap of a year of an every-second schedule costs a few steps, not 31 million.
    /// </summary>
    private static DateTimeOffset? Latest(CronSchedule cron, DateTimeOffset first, DateTimeOffset notBefore, DateTimeOffset now)
    {
        for (var window = TimeSpan.FromSeconds(1); ; window += window)
        {
            var start = Max(now - window, notBefore);
            if ((start <= first ? first : cron.NextFrom(start)) is { } found && found <= now && found >= notBefore)
            {
                var latest = found;
                while (cron.NextAfter(latest) is { } later && later <= now)
                {
                    latest = later;
                }

                return latest;
            }

            if (start == notBefore)
            {
                return null;
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>What a fire does: the times that enqueue a task (oldest first), and the schedule's next fire time (none when the expression has no more).</summary>
internal sealed record FirePlan(IReadOnlyList<DateTimeOffset> FireTimes, DateTimeOffset? NextFireAt);
