namespace Durq.Core.Tasks;

/// <summary>The effective options of a task, with every default filled in.</summary>
/// <param name="MaxAttempts">Total runs including the first, 1–1000. Default 5.</param>
/// <param name="Priority">−1000…1000; higher is claimed first. Default 0.</param>
/// <param name="DelaySeconds">The delay the producer asked for, 0 when none.</param>
/// <param name="RunAt">The first time the task may run: the requested <c>run_at</c>, or enqueue time + delay.</param>
/// <param name="TimeoutSeconds">A claimed run longer than this fails with type <c>timeout</c>. Default 300.</param>
/// <param name="HeartbeatTimeoutSeconds">Lease length, renewed by each heartbeat. Default 30.</param>
/// <param name="Retry">The retry policy.</param>
internal sealed record TaskOptions(
    int MaxAttempts,
    int Priority,
    double DelaySeconds,
    DateTimeOffset RunAt,
    int TimeoutSeconds,
    int HeartbeatTimeoutSeconds,
    RetryPolicy Retry)
{
    public const int DefaultMaxAttempts = 5;
    public const int DefaultPriority = 0;
    public const int DefaultTimeoutSeconds = 300;
    public const int DefaultHeartbeatTimeoutSeconds = 30;

    /// <summary>The claim deadline asked for as a span from <see cref="RunAt"/>, if any (then <see cref="ExpiresAt"/> is set from it).</summary>
    public int? ScheduleToStartSeconds { get; init; }

    /// <summary>A task still pending at this time goes to <c>dead</c> with error type <c>expired</c> without running; none by default.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// The schedule that enqueued the task, set by the fire alone (no producer can send it): it is kept with the options so
    /// the enqueue's insert stays as it is, and shown on the task as <c>schedule_id</c>.
    /// </summary>
    public Guid? ScheduleId { get; init; }

    /// <summary>The fire time of <see cref="ScheduleId"/> the task was enqueued for (<c>scheduled_for</c>).</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>Builds the options from one value per <see cref="TaskOptionFields"/> entry; the ranges make the casts safe.</summary>
    internal static TaskOptions From(TaskOptionValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TaskOptions(
            (int)values.Get(TaskOptionFields.MaxAttempts),
            (int)values.Get(TaskOptionFields.Priority),
            values.Get(TaskOptionFields.DelaySeconds),
            values.Get(TaskOptionFields.RunAt),
            (int)values.Get(TaskOptionFields.TimeoutSeconds),
            (int)values.Get(TaskOptionFields.HeartbeatTimeoutSeconds),
            new RetryPolicy(
                values.Get(TaskOptionFields.InitialIntervalMs),
                values.Get(TaskOptionFields.BackoffCoefficient),
                values.Get(TaskOptionFields.MaxIntervalMs),
                values.Get(TaskOptionFields.Jitter),
                values.Get(TaskOptionFields.NonRetryableErrorTypes)))
        {
            ScheduleToStartSeconds = (int?)values.Get(TaskOptionFields.ScheduleToStartSeconds),
            ExpiresAt = values.Get(TaskOptionFields.ExpiresAt),
        };
    }
}
