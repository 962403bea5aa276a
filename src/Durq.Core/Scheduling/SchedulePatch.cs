namespace Durq.Core.Scheduling;

/// <summary>
/// A change to a schedule: each member left null stays as it is. Pausing clears the next fire time; resuming, or a
/// new cron or time zone, starts it again from now, so times that passed while paused are not caught up.
/// </summary>
internal sealed record SchedulePatch
{
    public string? Name { get; init; }
    public string? ActivityType { get; init; }
    public string? InputJson { get; init; }
    public string? OptionsJson { get; init; }
    public string? Cron { get; init; }
    public string? TimeZone { get; init; }
    public ScheduleOverlap? Overlap { get; init; }
    public ScheduleCatchUp? CatchUp { get; init; }
    public bool? Paused { get; init; }

    public static SchedulePatch Pause { get; } = new() { Paused = true };

    public static SchedulePatch Resume { get; } = new() { Paused = false };

    public Schedule ApplyTo(Schedule current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var updated = current with
        {
            Name = Name ?? current.Name,
            ActivityType = ActivityType ?? current.ActivityType,
            InputJson = InputJson ?? current.InputJson,
            OptionsJson = OptionsJson ?? current.OptionsJson,
            Cron = Cron ?? current.Cron,
            TimeZone = TimeZone ?? current.TimeZone,
            Overlap = Overlap ?? current.Overlap,
            CatchUp = CatchUp ?? current.CatchUp,
            Paused = Paused ?? current.Paused,
            UpdatedAt = now,
        };
        var restarts = updated.Cron != current.Cron || updated.TimeZone != current.TimeZone || updated.Paused != current.Paused;
        return restarts ? updated.StartedAt(now) : updated;
    }
}
