namespace Durq.Core.Workers;

/// <summary>A registered worker, as stored.</summary>
internal sealed record Worker
{
    /// <summary>A worker silent for this long counts as stopped.</summary>
    public static readonly TimeSpan StoppedAfter = TimeSpan.FromSeconds(60);

    public required string Id { get; init; }
    public required string Tenant { get; init; }
    public required IReadOnlyList<string> ActivityTypes { get; init; }
    public required int MaxConcurrency { get; init; }
    public string? WorkerGroup { get; init; }
    public string? Hostname { get; init; }
    public string? Version { get; init; }
    public required int CurrentLoad { get; init; }
    public required bool Draining { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required DateTimeOffset LastHeartbeatAt { get; init; }

    /// <summary>A worker whose last heartbeat is older than this, at <paramref name="now"/>, counts as stopped (the stores' SQL takes it as a parameter).</summary>
    public static DateTimeOffset StoppedBefore(DateTimeOffset now) => now - StoppedAfter;

    public WorkerStatus StatusAt(DateTimeOffset now) =>
        LastHeartbeatAt < StoppedBefore(now) ? WorkerStatus.Stopped
        : Draining ? WorkerStatus.Draining
        : WorkerStatus.Active;
}

/// <summary>Active workers get tasks; draining ones finish what they hold; stopped ones have gone silent.</summary>
internal enum WorkerStatus
{
    Active,
    Draining,
    Stopped,
}

/// <summary>
/// The tenant's workers counted by status, over all of them: capacity counts active workers only (draining ones take
/// no new tasks), load counts active and draining ones (both still run what they hold).
/// </summary>
internal sealed record WorkerTotals(int Active, int Draining, int Stopped, int Capacity, int Load);
