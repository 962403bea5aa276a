namespace Durq.Contracts;

/// <summary>
/// Body of <c>POST /schedules</c>: what to enqueue (as an enqueue body, without absolute times in the options), when
/// (<see cref="Cron"/>, 5 fields or 6 with seconds first, in <see cref="TimeZone"/>, an IANA name, default UTC), and the
/// policies: <see cref="Overlap"/> <c>allow</c> (default) or <c>skip</c>, <see cref="CatchUp"/> <c>none</c> (default),
/// <c>one</c> or <c>all</c>.
/// </summary>
public sealed record CreateScheduleRequest
{
    public required string Name { get; init; }
    public required string ActivityType { get; init; }
    public required RawJson Input { get; init; }
    public TaskOptionsContract? Options { get; init; }
    public required string Cron { get; init; }
    public string? TimeZone { get; init; }
    public string? Overlap { get; init; }
    public string? CatchUp { get; init; }
    public bool? Paused { get; init; }
}

/// <summary>Body of <c>PATCH /schedules/{id}</c>: each member sent replaces the stored one; a new cron or zone starts it again from now.</summary>
public sealed record UpdateScheduleRequest
{
    public string? Name { get; init; }
    public string? ActivityType { get; init; }
    public RawJson? Input { get; init; }
    public TaskOptionsContract? Options { get; init; }
    public string? Cron { get; init; }
    public string? TimeZone { get; init; }
    public string? Overlap { get; init; }
    public string? CatchUp { get; init; }
    public bool? Paused { get; init; }
}

/// <summary>
/// A schedule. <see cref="Options"/> are the options as sent (each fire fills in the defaults); <see cref="NextFireAt"/>
/// is its next fire time, omitted while paused; <see cref="LastTaskId"/> the last task it enqueued.
/// </summary>
public sealed record ScheduleResource
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string ActivityType { get; init; }
    public required RawJson Input { get; init; }
    public required RawJson Options { get; init; }
    public required string Cron { get; init; }
    public required string TimeZone { get; init; }
    public required string Overlap { get; init; }
    public required string CatchUp { get; init; }
    public required bool Paused { get; init; }
    public DateTimeOffset? NextFireAt { get; init; }
    public string? LastTaskId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A page of schedules, oldest first; <c>next_cursor</c> is omitted on the last page.</summary>
public sealed record ScheduleListResponse(IReadOnlyList<ScheduleResource> Data, string? NextCursor);

/// <summary>
/// One handled fire time of a schedule: <see cref="Kind"/> <c>cron</c> or <c>trigger</c>, <see cref="Outcome"/>
/// <c>fired</c> (with <see cref="TaskId"/>) or <c>skipped</c> (with <see cref="Reason"/>: <c>overlap</c>, <c>queue_full</c>).
/// </summary>
public sealed record ScheduleExecutionResource
{
    public required string ScheduleId { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset ScheduledFor { get; init; }
    public required string Outcome { get; init; }
    public string? TaskId { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A page of a schedule's executions, newest first; <c>next_cursor</c> is omitted on the last page.</summary>
public sealed record ScheduleExecutionListResponse(IReadOnlyList<ScheduleExecutionResource> Data, string? NextCursor);
