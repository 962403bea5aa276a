using Durq.Core.Scheduling;

namespace Durq.Storage.Dialect;

/// <summary>
/// How a <see cref="Schedule"/> and a <see cref="ScheduleExecution"/> map onto the columns of <c>durq_schedules</c> and
/// <c>durq_schedule_executions</c>, written once for every dialect, as <see cref="ActivityTypeColumns"/> is.
/// </summary>
internal static class ScheduleColumns
{
    public static IReadOnlyList<ColumnValue> Of(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return
        [
            new("tenant", schedule.Tenant, typeof(string)),
            new("id", schedule.Id, typeof(Guid)),
            new("name", schedule.Name, typeof(string)),
            new("activity_type", schedule.ActivityType, typeof(string)),
            new("input", schedule.InputJson, typeof(string)),
            new("options", schedule.OptionsJson, typeof(string)),
            new("cron", schedule.Cron, typeof(string)),
            new("time_zone", schedule.TimeZone, typeof(string)),
            new("overlap", schedule.Overlap.ToWire(), typeof(string)),
            new("catch_up", schedule.CatchUp.ToWire(), typeof(string)),
            new("paused", schedule.Paused, typeof(bool)),
            new("next_fire_at", schedule.NextFireAt, typeof(DateTimeOffset)),
            new("last_task_id", schedule.LastTaskId, typeof(Guid)),
            new("created_at", schedule.CreatedAt, typeof(DateTimeOffset)),
            new("updated_at", schedule.UpdatedAt, typeof(DateTimeOffset)),
        ];
    }

    public static IReadOnlyList<ColumnValue> Of(string tenant, ScheduleExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return
        [
            new("tenant", tenant, typeof(string)),
            new("schedule_id", execution.ScheduleId, typeof(Guid)),
            new("kind", execution.Kind.ToWire(), typeof(string)),
            new("scheduled_for", execution.ScheduledFor, typeof(DateTimeOffset)),
            new("outcome", execution.Outcome.ToWire(), typeof(string)),
            new("task_id", execution.TaskId, typeof(Guid)),
            new("reason", execution.Reason, typeof(string)),
            new("created_at", execution.CreatedAt, typeof(DateTimeOffset)),
        ];
    }

    public static Schedule Read(IColumnReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Schedule
        {
            Tenant = row.Text("tenant")!,
            Id = row.Id("id")!.Value,
            Name = row.Text("name")!,
            ActivityType = row.Text("activity_type")!,
            InputJson = row.Text("input")!,
            OptionsJson = row.Text("options")!,
            Cron = row.Text("cron")!,
            TimeZone = row.Text("time_zone")!,
            Overlap = SchedulePolicyNames.ParseOverlap(row.Text("overlap")) ?? throw new FormatException("Stored overlap is not a policy."),
            CatchUp = SchedulePolicyNames.ParseCatchUp(row.Text("catch_up")) ?? throw new FormatException("Stored catch_up is not a policy."),
            Paused = row.Flag("paused"),
            NextFireAt = row.Time("next_fire_at"),
            LastTaskId = row.Id("last_task_id"),
            CreatedAt = row.Time("created_at")!.Value,
            UpdatedAt = row.Time("updated_at")!.Value,
        };
    }

    public static ScheduleExecution ReadExecution(IColumnReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ScheduleExecution(
            row.Id("schedule_id")!.Value, SchedulePolicyNames.ParseKind(row.Text("kind")!), row.Time("scheduled_for")!.Value,
            SchedulePolicyNames.ParseOutcome(row.Text("outcome")!), row.Id("task_id"), row.Text("reason"), row.Time("created_at")!.Value);
    }
}
