using Durq.Core.Errors;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Stores a new schedule; a name the tenant has already is refused with that schedule's id.</summary>
internal sealed class CreateScheduleWrite(Schedule schedule, CancellationToken cancellationToken) : Write<Schedule>(cancellationToken)
{
    public override bool GrowsStorage => true;

    public override string IfUnconfirmed => "Read the schedule by listing them, or send it again: a second create of the same name is refused.";

    protected override async ValueTask<Schedule> RunAsync(WriteContext context)
    {
        if (await context.Sql.InsertScheduleAsync(schedule))
        {
            return schedule;
        }

        var existing = await context.Sql.GetScheduleByNameAsync(schedule.Tenant, schedule.Name)
            ?? throw new InvalidOperationException($"Schedule '{schedule.Name}' was taken but cannot be read.");
        throw new ScheduleExistsException(schedule.Name, existing.Id);
    }
}

/// <summary>Changes a schedule (a patch, pause or resume), decided by <see cref="SchedulePatch"/> on the row as it is now.</summary>
internal sealed class UpdateScheduleWrite(UpdateScheduleParams request, CancellationToken cancellationToken) : Write<Schedule>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending the same change again is safe.";

    protected override async ValueTask<Schedule> RunAsync(WriteContext context)
    {
        var current = await ScheduleRow.LockAsync(context, request.Tenant, request.ScheduleId);
        var updated = request.Change.ApplyTo(current, request.Now);
        if (updated.Name != current.Name && await context.Sql.GetScheduleByNameAsync(request.Tenant, updated.Name) is { } other)
        {
            throw new ScheduleExistsException(updated.Name, other.Id);
        }

        await context.Sql.SaveScheduleAsync(updated);
        return updated;
    }
}

internal sealed class DeleteScheduleWrite(string tenant, Guid scheduleId, CancellationToken cancellationToken) : Write<bool>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending the delete again is safe: a schedule already gone answers 404.";

    protected override async ValueTask<bool> RunAsync(WriteContext context) =>
        await context.Sql.DeleteScheduleAsync(tenant, scheduleId)
            ? true
            : throw new NotFoundException("schedule", TaskIds.Format(scheduleId));
}

/// <summary>
/// Fires what is due of one schedule: on its locked row, <see cref="ScheduleFiring"/> decides the times; each is one
/// execution row and (unless skipped) one task, and the row moves on to the next fire time, all in this write's
/// transaction. A node that fired it first has moved the row on, so this one finds nothing due.
/// </summary>
internal sealed class FireScheduleWrite(FireScheduleParams request, CancellationToken cancellationToken)
    : Write<IReadOnlyList<ScheduleExecution>>(cancellationToken)
{
    public override bool GrowsStorage => true;

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<IReadOnlyList<ScheduleExecution>> RunAsync(WriteContext context)
    {
        var schedule = await context.Sql.LockScheduleAsync(request.Tenant, request.ScheduleId);
        if (schedule is not { Paused: false, NextFireAt: { } next } || next > request.Now)
        {
            return [];
        }

        var plan = ScheduleFiring.Plan(schedule.Parsed(), schedule.CatchUp, next, request.Now);
        var fire = new ScheduleFire(schedule, request);
        var executions = new List<ScheduleExecution>(plan.FireTimes.Count);
        foreach (var time in plan.FireTimes)
        {
            if (await fire.FireAsync(context, ExecutionKind.Cron, time) is { } execution)
            {
                executions.Add(execution);
            }
        }

        await context.Sql.SaveScheduleAsync(schedule with { NextFireAt = plan.NextFireAt, LastTaskId = fire.LastTaskId });
        return executions;
    }
}

/// <summary>An operator's fire now (kind <c>trigger</c>, so it never takes the place of a cron fire at the same instant).</summary>
internal sealed class TriggerScheduleWrite(FireScheduleParams request, CancellationToken cancellationToken)
    : Write<ScheduleExecution>(cancellationToken)
{
    public override bool GrowsStorage => true;

    public override string IfUnconfirmed => "Read the schedule's executions before triggering again: a trigger sent twice fires twice.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<ScheduleExecution> RunAsync(WriteContext context)
    {
        var schedule = await ScheduleRow.LockAsync(context, request.Tenant, request.ScheduleId);
        var fire = new ScheduleFire(schedule, request);
        // Two triggers of one schedule in the same millisecond share a key: the second is answered as skipped, writing nothing.
        var execution = await fire.FireAsync(context, ExecutionKind.Trigger, request.Now)
            ?? new ScheduleExecution(schedule.Id, ExecutionKind.Trigger, request.Now, ExecutionOutcome.Skipped, null, ScheduleFire.DuplicateReason, request.Now);
        if (fire.LastTaskId != schedule.LastTaskId)
        {
            await context.Sql.SaveScheduleAsync(schedule with { LastTaskId = fire.LastTaskId });
        }

        return execution;
    }
}

/// <summary>
/// One fire time of one schedule: skipped under overlap <c>skip</c> while its last task is unfinished (or when the
/// tenant's queue is full), else a task through the enqueue's own insert. Its execution row comes first: when that
/// (schedule, kind, time) was handled already, nothing is written and the fire answers null.
/// </summary>
internal sealed class ScheduleFire(Schedule schedule, FireScheduleParams request)
{
    public const string OverlapReason = "overlap";
    public const string QueueFullReason = "queue_full";
    public const string DuplicateReason = "duplicate";

    private bool _lastTaskIsNew;

    public Guid? LastTaskId { get; private set; } = schedule.LastTaskId;

    public async ValueTask<ScheduleExecution?> FireAsync(WriteContext context, ExecutionKind kind, DateTimeOffset scheduledFor)
    {
        var now = request.Now;
        var skip = await SkipReasonAsync(context);
        var task = skip is null ? ScheduledTasks.For(schedule, scheduledFor, now) : null;
        var execution = new ScheduleExecution(
            schedule.Id, kind, scheduledFor, skip is null ? ExecutionOutcome.Fired : ExecutionOutcome.Skipped, task?.Id, skip, now);
        if (!await context.Sql.InsertScheduleExecutionAsync(schedule.Tenant, execution))
        {
            return null;
        }

        if (task is not null)
        {
            await context.Sql.InsertTasksAsync(new EnqueueParams(schedule.Tenant, [task], null, 0, now));
            context.AdjustPending(schedule.Tenant, 1);
            // Counted as every enqueue is, so the time series and /health see scheduled tasks arrive.
            context.AddToCounter(schedule.Tenant, Counters.EnqueuedTasks, 1);
            context.Announce(schedule.Tenant, task.ActivityType, task.Options.RunAt, now);
            context.TaskChanged(schedule.Tenant, task.Id, task.ActivityType, StoreEventKinds.Enqueued);
            LastTaskId = task.Id;
            _lastTaskIsNew = true;
        }

        return execution;
    }

    private async ValueTask<string?> SkipReasonAsync(WriteContext context)
    {
        if (schedule.Overlap == ScheduleOverlap.Skip && LastTaskId is { } last && (_lastTaskIsNew || await IsUnfinishedAsync(context, last)))
        {
            return OverlapReason;
        }

        return request.MaxPending > 0 && await context.PendingCountAsync(schedule.Tenant) + 1 > request.MaxPending ? QueueFullReason : null;
    }

    private async ValueTask<bool> IsUnfinishedAsync(WriteContext context, Guid taskId) =>
        await context.Sql.GetTaskAsync(schedule.Tenant, taskId) is { Status: DurqTaskStatus.Pending or DurqTaskStatus.Claimed };
}

internal static class ScheduleRow
{
    public static async ValueTask<Schedule> LockAsync(WriteContext context, string tenant, Guid scheduleId) =>
        await context.Sql.LockScheduleAsync(tenant, scheduleId) ?? throw new NotFoundException("schedule", TaskIds.Format(scheduleId));
}
