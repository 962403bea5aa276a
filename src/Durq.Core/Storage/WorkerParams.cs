namespace Durq.Core.Storage;

/// <summary>Registers a worker, or refreshes its registration; counts as a heartbeat.</summary>
internal sealed record RegisterWorkerParams(
    string Tenant, string WorkerId, IReadOnlyList<string> ActivityTypes, int MaxConcurrency,
    string? WorkerGroup, string? Hostname, string? Version, DateTimeOffset Now);

/// <summary>A worker's periodic sign of life with how many tasks it is running.</summary>
internal sealed record WorkerHeartbeatParams(string Tenant, string WorkerId, int CurrentLoad, DateTimeOffset Now);

/// <summary>Removes a worker and puts the tasks it holds back to <c>pending</c>.</summary>
internal sealed record DeregisterWorkerParams(string Tenant, string WorkerId, DateTimeOffset Now);

/// <summary>Stops (or resumes) handing a worker new tasks.</summary>
internal sealed record SetWorkerDrainingParams(string Tenant, string WorkerId, bool Draining, DateTimeOffset Now);
