namespace Durq.Core.Scheduling;

/// <summary>
/// A recurring task as stored: what to enqueue (<see cref="ActivityType"/>, <see cref="InputJson"/>,
/// <see cref="OptionsJson"/>, the <c>options</c> exactly as sent), when (<see cref="Cron"/> in <see cref="TimeZone"/>),
/// and its policies. <see cref="NextFireAt"/> is the first fire time not yet handled, null while paused or when the
/// expression has no future time; <see cref="LastTaskId"/> the last task it enqueued, which overlap <c>skip</c> checks.
/// </summary>
internal sealed record Schedule
{
    public required Guid Id { get; init; }
    public required string Tenant { get; init; }
    public required string Name { get; init; }
    public required string ActivityType { get; init; }
    public required string InputJson { get; init; }
    public required string OptionsJson { get; init; }
    public required string Cron { get; init; }
    public required string TimeZone { get; init; }
    public required ScheduleOverlap Overlap { get; init; }
    public required ScheduleCatchUp CatchUp { get; init; }
    public required bool Paused { get; init; }
    public DateTimeOffset? NextFireAt { get; init; }
    public Guid? LastTaskId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public CronSchedule Parsed() => CronSchedule.Parse(Cron, TimeZone);

    /// <summary>The schedule as it is once (re)started at <paramref name="now"/>: its first fire time after now, or none while paused.</summary>
    public Schedule StartedAt(DateTimeOffset now) => this with
    {
        NextFireAt = Paused ? null : Parsed().NextAfter(Tasks.Rfc3339.ToStoredPrecision(now)),
        UpdatedAt = now,
    };
}

/// <summary>One row of a schedule's executions: a fire time (or trigger) and what became of it.</summary>
internal sealed record ScheduleExecution(
    Guid ScheduleId, ExecutionKind Kind, DateTimeOffset ScheduledFor, ExecutionOutcome Outcome, Guid? TaskId, string? Reason, DateTimeOffset CreatedAt);
