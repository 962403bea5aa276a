namespace Durq.Core.Storage;

/// <summary>Registers a worker, or refreshes its registration; counts as a heartbeat.</summary>
/// <param name="MaxWorkers">
/// The tenant's cap on registered workers; 0 means no cap. A new worker id beyond it is refused
/// (<see cref="Errors.WorkerLimitReachedException"/>); registering an id again is always allowed.
/// </param>
internal sealed record RegisterWorkerParams(
    string Tenant, string WorkerId, IReadOnlyList<string> ActivityTypes, int MaxConcurrency,
    string? WorkerGroup, string? Hostname, string? Version, DateTimeOffset Now, int MaxWorkers = 0);

/// <summary>A worker's periodic sign of life with how many tasks it is running.</summary>
internal sealed record WorkerHeartbeatParams(string Tenant, string WorkerId, int CurrentLoad, DateTimeOffset Now);

/// <summary>Removes a worker and puts the tasks it holds back to <c>pending</c>.</summary>
internal sealed record DeregisterWorkerParams(string Tenant, string WorkerId, DateTimeOffset Now);

/// <summary>Stops (or resumes) handing a worker new tasks.</summary>
internal sealed record SetWorkerDrainingParams(string Tenant, string WorkerId, bool Draining, DateTimeOffset Now);

/// <summary>A page of the tenant's workers, in id order.</summary>
/// <param name="After">List only workers whose id sorts after this one (the last id of the previous page).</param>
internal sealed record ListWorkersParams(string Tenant, int Limit, string? After);

/// <summary>One page; <see cref="NextAfter"/> is null on the last page.</summary>
internal sealed record WorkerPage(IReadOnlyList<Workers.Worker> Workers, string? NextAfter);

/// <summary>A sweep for workers gone silent (<see cref="Workers.Worker.StoppedAfter"/>) whose silence is not logged yet, at most <see cref="MaxWorkers"/>.</summary>
internal sealed record NoteSilentWorkersParams(DateTimeOffset Now, int MaxWorkers);
