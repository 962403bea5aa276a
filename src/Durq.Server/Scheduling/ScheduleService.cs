using Durq.Core.Errors;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Server.Hosting;
using Durq.Server.Queueing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Scheduling;

/// <summary>The caller's tenant's schedules, on the node's clock; every change wakes this node's firer.</summary>
internal sealed class ScheduleService(
    IScheduleStore store, RequestTenant tenant, TimeProvider time, IOptions<QueueOptions> queue, ScheduleWakeup wakeup)
{
    public DateTimeOffset Now => Rfc3339.ToStoredPrecision(time.GetUtcNow());

    public string Tenant => tenant.Current;

    public async Task<Schedule> CreateAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var created = await store.CreateScheduleAsync(schedule, cancellationToken);
        wakeup.Signal();
        return created;
    }

    public async Task<Schedule> GetAsync(Guid scheduleId, CancellationToken cancellationToken) =>
        await store.GetScheduleAsync(tenant.Current, scheduleId, cancellationToken)
        ?? throw new NotFoundException("schedule", TaskIds.Format(scheduleId));

    public Task<SchedulePage> ListAsync(int limit, Guid? after, CancellationToken cancellationToken) =>
        store.ListSchedulesAsync(new ListSchedulesParams(tenant.Current, limit, after), cancellationToken);

    public async Task<Schedule> UpdateAsync(Guid scheduleId, SchedulePatch change, CancellationToken cancellationToken)
    {
        var updated = await store.UpdateScheduleAsync(new UpdateScheduleParams(tenant.Current, scheduleId, change, Now), cancellationToken);
        wakeup.Signal();
        return updated;
    }

    public Task DeleteAsync(Guid scheduleId, CancellationToken cancellationToken) =>
        store.DeleteScheduleAsync(tenant.Current, scheduleId, cancellationToken);

    public Task<ScheduleExecution> TriggerAsync(Guid scheduleId, CancellationToken cancellationToken)
    {
        var owner = tenant.Current;
        return store.TriggerScheduleAsync(new FireScheduleParams(owner, scheduleId, queue.Value.MaxPendingFor(owner), Now), cancellationToken);
    }

    /// <summary>A page of the schedule's executions; a schedule the tenant does not have is a 404, not an empty page.</summary>
    public async Task<ExecutionPage> ListExecutionsAsync(Guid scheduleId, int limit, (DateTimeOffset At, ExecutionKind Kind)? before, CancellationToken cancellationToken)
    {
        await GetAsync(scheduleId, cancellationToken);
        return await store.ListScheduleExecutionsAsync(
            new ListExecutionsParams(tenant.Current, scheduleId, limit, before?.At, before?.Kind), cancellationToken);
    }
}
