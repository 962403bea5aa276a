using System.Text.Json;
using Durq.Core.Tasks;
using Durq.Core.Validation;

namespace Durq.Core.Scheduling;

/// <summary>The task a fire of a schedule enqueues: the schedule's input and options, carrying its id and fire time.</summary>
internal static class ScheduledTasks
{
    /// <param name="now">When the fire runs: the options' relative times (<c>delay_seconds</c>) count from it.</param>
    public static NewTask For(Schedule schedule, DateTimeOffset scheduledFor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        using var body = JsonDocument.Parse($"{{\"options\":{schedule.OptionsJson}}}");
        var fields = new FieldReader("");
        var options = TaskOptionsParser.Read(body.RootElement, fields, now);
        if (fields.Errors.Count > 0)
        {
            // The options were validated when the schedule was stored; only a tighter rule since could refuse them.
            throw new ValidationException(fields.Errors);
        }

        return new NewTask(
            TaskIds.New(now), schedule.ActivityType, schedule.InputJson,
            options with { ScheduleId = schedule.Id, ScheduledFor = scheduledFor }, Traceparent: null);
    }
}
