using Durq.Contracts;
using Durq.Core.Workers;

namespace Durq.Server.Apis;

/// <summary>Maps stored workers to their wire form.</summary>
internal static class WorkerResources
{
    public static WorkerResource From(Worker worker, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return new WorkerResource
        {
            Id = worker.Id,
            ActivityTypes = worker.ActivityTypes,
            MaxConcurrency = worker.MaxConcurrency,
            WorkerGroup = worker.WorkerGroup,
            Hostname = worker.Hostname,
            Version = worker.Version,
            CurrentLoad = worker.CurrentLoad,
            Status = ToWire(worker.StatusAt(now)),
            Draining = worker.Draining,
            RegisteredAt = worker.RegisteredAt,
            LastHeartbeatAt = worker.LastHeartbeatAt,
        };
    }

    public static WorkerSummary Summarize(WorkerTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new WorkerSummary(totals.Active, totals.Draining, totals.Stopped, totals.Capacity, totals.Load);
    }

    public static string ToWire(WorkerStatus status) => status switch
    {
        WorkerStatus.Active => "active",
        WorkerStatus.Draining => "draining",
        _ => "stopped",
    };
}
