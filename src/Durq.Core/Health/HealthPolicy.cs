using Durq.Core.Storage;

namespace Durq.Core.Health;

/// <summary>The one-word verdict of a queue's health, as <c>GET /health</c> reports it.</summary>
internal static class HealthPolicy
{
    /// <summary>The share of the queue cap above which health turns to <c>warning</c>.</summary>
    public const double NearlyFull = 0.8;

    public const string Healthy = "healthy";
    public const string Warning = "warning";
    public const string Degraded = "degraded";

    /// <summary>
    /// <c>degraded</c>: work is waiting and no active worker can take it. <c>warning</c>: dead tasks wait for a person,
    /// or the queue is over 80% of its cap. Otherwise <c>healthy</c>.
    /// </summary>
    /// <param name="activeCapacity">The summed concurrency of the active workers (not draining or stopped).</param>
    /// <param name="maxPending">The tenant's cap on pending tasks; 0 means no cap.</param>
    public static string Verdict(QueueStats stats, int activeCapacity, long maxPending)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (stats.PendingTasks > 0 && activeCapacity == 0)
        {
            return Degraded;
        }

        return stats.DeadTasks > 0 || (maxPending > 0 && stats.PendingTasks >= maxPending * NearlyFull) ? Warning : Healthy;
    }
}
