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

    public WorkerStatus StatusAt(DateTimeOffset now) =>
        now - LastHeartbeatAt > StoppedAfter ? WorkerStatus.Stopped
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
