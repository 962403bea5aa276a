using Durq.Core.Scheduling;

namespace Durq.Core.Storage;

/// <summary>
/// Schedules and their executions. Every fire is one write: its execution row (unique per schedule, kind and time),
/// its task (through the enqueue's own insert) and the schedule's next fire time, committed together, so a fire time
/// enqueues exactly one task whichever node fires it, however often nodes restart.
/// </summary>
internal interface IScheduleStore
{
    /// <summary>Stores a new schedule; throws <see cref="Errors.ScheduleExistsException"/> when the tenant has one of that name.</summary>
    Task<Schedule> CreateScheduleAsync(Schedule schedule, CancellationToken cancellationToken);

    Task<Schedule?> GetScheduleAsync(string tenant, Guid scheduleId, CancellationToken cancellationToken);

    /// <summary>A page of the tenant's schedules, oldest first.</summary>
    Task<SchedulePage> ListSchedulesAsync(ListSchedulesParams request, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <see cref="UpdateScheduleParams.Change"/> to the stored schedule and saves it; throws
    /// <see cref="Errors.NotFoundException"/>, or <see cref="Errors.ScheduleExistsException"/> for a name another schedule has.
    /// </summary>
    Task<Schedule> UpdateScheduleAsync(UpdateScheduleParams request, CancellationToken cancellationToken);

    /// <summary>Deletes the schedule and its executions (its tasks stay); throws <see cref="Errors.NotFoundException"/>.</summary>
    Task DeleteScheduleAsync(string tenant, Guid scheduleId, CancellationToken cancellationToken);

    /// <summary>
    /// Fires what is due of one schedule at <see cref="FireScheduleParams.Now"/> (<see cref="ScheduleFiring"/>) and moves its
    /// next fire time on; answers the executions it wrote (none when nothing was due, or another node fired it).
    /// </summary>
    Task<IReadOnlyList<ScheduleExecution>> FireScheduleAsync(FireScheduleParams request, CancellationToken cancellationToken);

    /// <summary>An operator's fire now, under the schedule's overlap policy, whether or not it is paused.</summary>
    Task<ScheduleExecution> TriggerScheduleAsync(FireScheduleParams request, CancellationToken cancellationToken);

    /// <summary>A page of a schedule's executions, newest first.</summary>
    Task<ExecutionPage> ListScheduleExecutionsAsync(ListExecutionsParams request, CancellationToken cancellationToken);

    /// <summary>The schedules of every tenant with a fire time at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<DueSchedule>> DueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest fire time of any schedule, or null when none will fire.</summary>
    Task<DateTimeOffset?> NextFireAtAsync(CancellationToken cancellationToken);
}

internal sealed record ListSchedulesParams(string Tenant, int Limit, Guid? After);

internal sealed record SchedulePage(IReadOnlyList<Schedule> Schedules, Guid? NextCursor);

/// <summary>A change to a schedule, decided by <see cref="SchedulePatch.ApplyTo"/> on the row the write read.</summary>
internal sealed record UpdateScheduleParams(string Tenant, Guid ScheduleId, SchedulePatch Change, DateTimeOffset Now);

/// <param name="MaxPending">The tenant's cap on pending tasks (0: none): a fire that would pass it is skipped as <c>queue_full</c>.</param>
internal sealed record FireScheduleParams(string Tenant, Guid ScheduleId, long MaxPending, DateTimeOffset Now);

/// <summary>Executions older than <see cref="Before"/> (and, at that time, of a kind before <see cref="BeforeKind"/>).</summary>
internal sealed record ListExecutionsParams(string Tenant, Guid ScheduleId, int Limit, DateTimeOffset? Before, ExecutionKind? BeforeKind);

internal sealed record ExecutionPage(IReadOnlyList<ScheduleExecution> Executions, ScheduleExecution? Last);

internal sealed record DueSchedule(string Tenant, Guid ScheduleId);
