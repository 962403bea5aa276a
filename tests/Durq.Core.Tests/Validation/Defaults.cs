using Durq.Core.Tasks;

namespace Durq.Core.Tests.Validation;

/// <summary>The defaults of the API.md option table, checked member by member.</summary>
internal static class Defaults
{
    public static void AssertAllDefaults(TaskOptions options, DateTimeOffset now)
    {
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(0, options.Priority);
        Assert.Equal(0, options.DelaySeconds);
        Assert.Equal(now, options.RunAt);
        Assert.Equal(300, options.TimeoutSeconds);
        Assert.Equal(30, options.HeartbeatTimeoutSeconds);
        Assert.Equal(1000, options.Retry.InitialIntervalMs);
        Assert.Equal(2.0, options.Retry.BackoffCoefficient);
        Assert.Equal(60_000, options.Retry.MaxIntervalMs);
        Assert.Equal(0.1, options.Retry.Jitter);
        Assert.Empty(options.Retry.NonRetryableErrorTypes);
    }
}
