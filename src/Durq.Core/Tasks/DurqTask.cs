namespace Durq.Core.Tasks;

/// <summary>A task as stored. JSON members (<c>input</c>, <c>result</c>, <c>errors</c>, <c>last_error</c>) are kept as JSON text.</summary>
internal sealed record DurqTask
{
    public required Guid Id { get; init; }
    public required string Tenant { get; init; }
    public required string ActivityType { get; init; }
    public required string InputJson { get; init; }
    public required DurqTaskStatus Status { get; init; }
    public required int Priority { get; init; }
    public required int Attempt { get; init; }
    public required int MaxAttempts { get; init; }
    public required TaskOptions Options { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required DateTimeOffset VisibleAt { get; init; }
    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public Guid? LeaseId { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public DateTimeOffset? TimeoutAt { get; init; }
    public DateTimeOffset? LastHeartbeatAt { get; init; }
    public string? HeartbeatDetailsJson { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? ResultJson { get; init; }
    public string? LastErrorJson { get; init; }
    public string? ErrorsJson { get; init; }
    public bool CancelRequested { get; init; }
    public int RequeueCount { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? Traceparent { get; init; }
}
