using System.Globalization;
using Durq.Contracts;
using Durq.Core.Scheduling;
using Durq.Core.Tasks;
using Durq.Server.Http;

namespace Durq.Server.Apis;

/// <summary>Maps schedules and their executions to their wire form, and the executions list's cursor to and from text.</summary>
internal static class ScheduleResources
{
    public static string Location(Guid id) => DurqRoutes.Prefix + "/schedules/" + TaskIds.Format(id);

    public static ScheduleResource From(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ScheduleResource
        {
            Id = TaskIds.Format(schedule.Id),
            Name = schedule.Name,
            ActivityType = schedule.ActivityType,
            Input = new RawJson(schedule.InputJson),
            Options = new RawJson(schedule.OptionsJson),
            Cron = schedule.Cron,
            TimeZone = schedule.TimeZone,
            Overlap = schedule.Overlap.ToWire(),
            CatchUp = schedule.CatchUp.ToWire(),
            Paused = schedule.Paused,
            NextFireAt = schedule.NextFireAt,
            LastTaskId = schedule.LastTaskId is { } last ? TaskIds.Format(last) : null,
            CreatedAt = schedule.CreatedAt,
            UpdatedAt = schedule.UpdatedAt,
        };
    }

    public static ScheduleExecutionResource From(ScheduleExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new ScheduleExecutionResource
        {
            ScheduleId = TaskIds.Format(execution.ScheduleId),
            Kind = execution.Kind.ToWire(),
            ScheduledFor = execution.ScheduledFor,
            Outcome = execution.Outcome.ToWire(),
            TaskId = execution.TaskId is { } task ? TaskIds.Format(task) : null,
            Reason = execution.Reason,
            CreatedAt = execution.CreatedAt,
        };
    }

    /// <summary>The executions cursor: the last row's fire time (Unix milliseconds) and kind, e.g. <c>1795003200000.cron</c>.</summary>
    public static string? Cursor(ScheduleExecution? last) =>
        last is null ? null : last.ScheduledFor.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "." + last.Kind.ToWire();

    public static (DateTimeOffset At, ExecutionKind Kind)? ParseCursor(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() && text[(dot + 1)..] is "cron" or "trigger")
        {
            return (DateTimeOffset.FromUnixTimeMilliseconds(ms), SchedulePolicyNames.ParseKind(text[(dot + 1)..]));
        }

        throw QueryReader.Invalid("cursor", "is not a cursor this server issued", "Pass the 'next_cursor' of the previous page unchanged, or leave it out.");
    }
}
