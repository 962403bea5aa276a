using Durq.Core.Tasks;

namespace Durq.Core.Tests.Validation;

/// <summary>Reads a numeric option back out of <see cref="TaskOptions"/> by its API path.</summary>
internal static class OptionValue
{
    public static double Of(TaskOptions options, string path) => path switch
    {
        "max_attempts" => options.MaxAttempts,
        "priority" => options.Priority,
        "delay_seconds" => options.DelaySeconds,
        "timeout_seconds" => options.TimeoutSeconds,
        "heartbeat_timeout_seconds" => options.HeartbeatTimeoutSeconds,
        "retry.initial_interval_ms" => options.Retry.InitialIntervalMs,
        "retry.backoff_coefficient" => options.Retry.BackoffCoefficient,
        "retry.max_interval_ms" => options.Retry.MaxIntervalMs,
        "retry.jitter" => options.Retry.Jitter,
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "Not a numeric option."),
    };
}
