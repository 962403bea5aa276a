namespace Durq.Core.Tasks;

/// <summary>
/// Every task option, declared once (API.md option table). The enqueue parser reads these members with these ranges and
/// defaults, <see cref="TaskOptionsJson"/> stores them in this order, the server's OpenAPI schema of <c>options</c> and
/// the read-back of a task's options are made from them. A new option is a line here, its member of
/// <see cref="TaskOptions"/> (and <see cref="TaskOptions.From"/>), its property on the SDK's <c>TaskOptionsContract</c>,
/// and the code that acts on it.
/// </summary>
internal static class TaskOptionFields
{
    public const double MaxDelaySeconds = 365 * 24 * 3600;
    public const long MaxRetryIntervalMs = 24L * 3600 * 1000;

    public static IntegerOptionField MaxAttempts { get; } = new(
        "max_attempts", 1, 1000, TaskOptions.DefaultMaxAttempts, "Total runs including the first.", o => o.MaxAttempts);

    public static IntegerOptionField Priority { get; } = new(
        "priority", -1000, 1000, TaskOptions.DefaultPriority, "Higher is claimed first.", o => o.Priority);

    public static NumberOptionField DelaySeconds { get; } = new(
        "delay_seconds", 0, MaxDelaySeconds, 0, "The first run is not before now + delay.", o => o.DelaySeconds);

    public static TimeOptionField RunAt { get; } = new(
        "run_at", MaxDelaySeconds, "The first run is not before this time; exclusive with delay_seconds. Default now.", o => o.RunAt);

    public static OptionalIntegerOptionField ScheduleToStartSeconds { get; } = new(
        "schedule_to_start_seconds", 1, (long)MaxDelaySeconds,
        "Seconds from run_at within which a worker must claim the task; after them it goes to 'dead' with error type 'expired'. Exclusive with expires_at. Default none.",
        o => o.ScheduleToStartSeconds);

    public static OptionalTimeOptionField ExpiresAt { get; } = new(
        "expires_at",
        "A task not claimed by this time goes to 'dead' with error type 'expired', without running; after run_at. Read back, it is the expiry in effect (also from schedule_to_start_seconds). Default none.",
        o => o.ExpiresAt);

    public static IntegerOptionField TimeoutSeconds { get; } = new(
        "timeout_seconds", 1, 86_400, TaskOptions.DefaultTimeoutSeconds,
        "A claimed run longer than this fails with type 'timeout'.", o => o.TimeoutSeconds);

    public static IntegerOptionField HeartbeatTimeoutSeconds { get; } = new(
        "heartbeat_timeout_seconds", 1, 3600, TaskOptions.DefaultHeartbeatTimeoutSeconds,
        "Lease length, renewed by each heartbeat.", o => o.HeartbeatTimeoutSeconds);

    public static IntegerOptionField InitialIntervalMs { get; } = new(
        "retry.initial_interval_ms", 1, MaxRetryIntervalMs, RetryPolicy.Default.InitialIntervalMs,
        "Delay before the second attempt.", o => o.Retry.InitialIntervalMs);

    public static NumberOptionField BackoffCoefficient { get; } = new(
        "retry.backoff_coefficient", 1, 100, RetryPolicy.Default.BackoffCoefficient,
        "Growth of the delay per attempt.", o => o.Retry.BackoffCoefficient);

    public static IntegerOptionField MaxIntervalMs { get; } = new(
        "retry.max_interval_ms", 1, MaxRetryIntervalMs, RetryPolicy.Default.MaxIntervalMs,
        "Upper bound of the delay before jitter; at least initial_interval_ms, which raises it when larger.",
        o => o.Retry.MaxIntervalMs)
    {
        NotBelow = InitialIntervalMs,
    };

    public static NumberOptionField Jitter { get; } = new(
        "retry.jitter", 0, 1, RetryPolicy.Default.Jitter, "Fraction of the delay added or taken at random.", o => o.Retry.Jitter);

    public static StringListOptionField NonRetryableErrorTypes { get; } = new(
        "retry.non_retryable_error_types", 100, 200, "Error types that send a task straight to 'dead'.",
        o => o.Retry.NonRetryableErrorTypes);

    /// <summary>
    /// In wire order, a group's members together: this is the order of the stored JSON and of validation errors.
    /// </summary>
    public static IReadOnlyList<TaskOptionField> All { get; } = Indexed(
        MaxAttempts, Priority, DelaySeconds, RunAt, ScheduleToStartSeconds, ExpiresAt, TimeoutSeconds, HeartbeatTimeoutSeconds,
        InitialIntervalMs, BackoffCoefficient, MaxIntervalMs, Jitter, NonRetryableErrorTypes);

    /// <summary>The objects inside <c>options</c> that hold options of their own (<c>retry</c>).</summary>
    public static IReadOnlyList<string> Groups { get; } = [.. All.Select(f => f.Group).OfType<string>().Distinct()];

    private static TaskOptionField[] Indexed(params TaskOptionField[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i].Index = i;
        }

        return fields;
    }
}
