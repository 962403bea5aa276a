using Durq.Core;
using Durq.Core.Tasks;

namespace Durq.Bench.Stores;

/// <summary>What seeded history rows hold, the same on both stores.</summary>
internal static class SeededHistory
{
    public const string ActivityType = "bench.history";

    /// <summary>The tenant of tasks enqueued without an API key, the suite's own.</summary>
    public const string Tenant = Tenants.Default;

    /// <summary>The default options as the stores keep them, so a seeded task reads back like any other.</summary>
    public static string OptionsJson(long firstMilliseconds) => TaskOptionsJson.Serialize(new TaskOptions(
        TaskOptions.DefaultMaxAttempts, TaskOptions.DefaultPriority, 0, DateTimeOffset.FromUnixTimeMilliseconds(firstMilliseconds),
        TaskOptions.DefaultTimeoutSeconds, TaskOptions.DefaultHeartbeatTimeoutSeconds, RetryPolicy.Default));

    /// <summary>
    /// The Unix time (ms) of the first row: rows are one millisecond apart and all end an hour ago — older than any
    /// task the workload enqueues (ids are UUIDv7, time-ordered), and far younger than retention's seven days.
    /// </summary>
    public static long FirstMilliseconds(int count) => DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() - count;
}
