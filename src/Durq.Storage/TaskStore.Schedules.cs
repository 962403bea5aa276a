using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writes;

namespace Durq.Storage;

/// <summary>Schedules (<see cref="IScheduleStore"/>): each change and each fire a write of <c>Writes/ScheduleWrites.cs</c>.</summary>
internal partial class TaskStore : IScheduleStore
{
    public Task<Schedule> CreateScheduleAsync(Schedule schedule, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CreateScheduleWrite(schedule, cancellationToken));

    public Task<Schedule?> GetScheduleAsync(string tenant, Guid scheduleId, CancellationToken cancellationToken) =>
        ReadAsync(_dialect.GetScheduleAsync(tenant, scheduleId, cancellationToken));

    public async Task<SchedulePage> ListSchedulesAsync(ListSchedulesParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var schedules = await ReadAsync(_dialect.ListSchedulesAsync(request with { Limit = request.Limit + 1 }, cancellationToken));
        return new SchedulePage(schedules, TrimToPage(schedules, request.Limit) ? schedules[^1].Id : null);
    }

    public Task<Schedule> UpdateScheduleAsync(UpdateScheduleParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateScheduleWrite(request, cancellationToken));

    public Task DeleteScheduleAsync(string tenant, Guid scheduleId, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new DeleteScheduleWrite(tenant, scheduleId, cancellationToken));

    public Task<IReadOnlyList<ScheduleExecution>> FireScheduleAsync(FireScheduleParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new FireScheduleWrite(Stored(request), cancellationToken));

    public Task<ScheduleExecution> TriggerScheduleAsync(FireScheduleParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new TriggerScheduleWrite(Stored(request), cancellationToken));

    public async Task<ExecutionPage> ListScheduleExecutionsAsync(ListExecutionsParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var executions = await ReadAsync(_dialect.ListScheduleExecutionsAsync(request with { Limit = request.Limit + 1 }, cancellationToken));
        return new ExecutionPage(executions, TrimToPage(executions, request.Limit) ? executions[^1] : null);
    }

    public Task<IReadOnlyList<DueSchedule>> DueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ReadAsync(_dialect.DueSchedulesAsync(now, limit, cancellationToken));

    public Task<DateTimeOffset?> NextFireAtAsync(CancellationToken cancellationToken) =>
        ReadAsync(_dialect.NextScheduleFireAsync(cancellationToken));

    /// <summary>A fire's time at the precision the store keeps, so the times it writes read back as written.</summary>
    private static FireScheduleParams Stored(FireScheduleParams request) => request with { Now = Rfc3339.ToStoredPrecision(request.Now) };
}
