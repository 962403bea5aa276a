using Durq.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Logs;

/// <summary>
/// The worker lifecycle as the operator reads it in the server log: registered, drained, resumed, deregistered, gone
/// silent. Each line but the last is logged by the node that served the request, once per request; a silence is logged
/// by the node whose reaper noticed it first, once per silence. Event ids 1001–1099 (docs/operations.md, "Logs").
/// </summary>
internal sealed partial class WorkerLog(ILogger<WorkerLog> logger)
{
    public void Registered(Worker worker) => LogRegistered(
        worker.Id, worker.Tenant, worker.WorkerGroup, worker.Hostname, worker.Version, string.Join(",", worker.ActivityTypes), worker.MaxConcurrency);

    public void Drained(Worker worker) => LogDrained(worker.Id, worker.Tenant, worker.CurrentLoad);

    public void Resumed(Worker worker) => LogResumed(worker.Id, worker.Tenant);

    public void Deregistered(string tenant, string workerId, int releasedTasks) => LogDeregistered(workerId, tenant, releasedTasks);

    /// <summary>The worker sent no heartbeat for <see cref="Worker.StoppedAfter"/>: it counts as stopped, and gets no tasks.</summary>
    public void Silent(Worker worker, DateTimeOffset now) => LogSilent(
        worker.Id, worker.Tenant, worker.WorkerGroup, worker.Hostname, worker.LastHeartbeatAt,
        (int)(now - worker.LastHeartbeatAt).TotalSeconds, worker.CurrentLoad);

    [LoggerMessage(EventId = 1001, EventName = "WorkerRegistered", Level = LogLevel.Information, Message =
        "Worker {WorkerId} registered (tenant {Tenant}, group {WorkerGroup}, host {Hostname}, version {Version}) for {ActivityTypes} with capacity {Capacity}")]
    private partial void LogRegistered(
        string workerId, string tenant, string? workerGroup, string? hostname, string? version, string activityTypes, int capacity);

    [LoggerMessage(EventId = 1002, EventName = "WorkerDrained", Level = LogLevel.Information, Message =
        "Worker {WorkerId} (tenant {Tenant}) is draining: it gets no new tasks and finishes the {Load} it runs")]
    private partial void LogDrained(string workerId, string tenant, int load);

    [LoggerMessage(EventId = 1003, EventName = "WorkerResumed", Level = LogLevel.Information, Message =
        "Worker {WorkerId} (tenant {Tenant}) resumed: it gets tasks again")]
    private partial void LogResumed(string workerId, string tenant);

    [LoggerMessage(EventId = 1004, EventName = "WorkerDeregistered", Level = LogLevel.Information, Message =
        "Worker {WorkerId} (tenant {Tenant}) deregistered; {ReleasedTasks} tasks it held went back to pending")]
    private partial void LogDeregistered(string workerId, string tenant, int releasedTasks);

    [LoggerMessage(EventId = 1005, EventName = "WorkerSilent", Level = LogLevel.Warning, Message =
        "Worker {WorkerId} (tenant {Tenant}, group {WorkerGroup}, host {Hostname}) has gone silent: no heartbeat since {LastHeartbeatAt} " +
        "({SilentSeconds} s ago); it counts as stopped, and the {Load} tasks it last reported running go back to the queue as their leases run out")]
    private partial void LogSilent(
        string workerId, string tenant, string? workerGroup, string? hostname, DateTimeOffset lastHeartbeatAt, int silentSeconds, int load);
}
