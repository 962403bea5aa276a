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

    public static WorkerSummary Summarize(IEnumerable<Worker> workers, DateTimeOffset now)
    {
        int active = 0, draining = 0, stopped = 0, capacity = 0, load = 0;
        foreach (var worker in workers)
        {
            switch (worker.StatusAt(now))
            {
                case WorkerStatus.Active:
                    active++;
                    capacity += worker.MaxConcurrency;
                    load += worker.CurrentLoad;
                    break;
                case WorkerStatus.Draining:
                    draining++;
                    load += worker.CurrentLoad;
                    break;
                default:
                    stopped++;
                    break;
            }
        }

        return new WorkerSummary(active, draining, stopped, capacity, load);
    }

    public static string ToWire(WorkerStatus status) => status switch
    {
        WorkerStatus.Active => "active",
        WorkerStatus.Draining => "draining",
        _ => "stopped",
    };
}
