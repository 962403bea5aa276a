using Durq.Core.Errors;
using Durq.Core.Storage;

namespace Durq.Core.Health;

/// <summary>The one-word verdict of a queue's health, as <c>GET /health</c> reports it, and the reasons behind it.</summary>
internal static class HealthPolicy
{
    /// <summary>The share of the queue cap above which health turns to <c>warning</c>.</summary>
    public const double NearlyFull = 0.8;

    public const string Healthy = "healthy";
    public const string Warning = "warning";
    public const string Degraded = "degraded";

    public const string NoActiveWorkers = "no_active_workers";
    public const string DeadTasks = "dead_tasks";
    public const string QueueNearlyFull = "queue_nearly_full";

    /// <summary>
    /// <c>degraded</c>: the storage refuses writes (a storage fault: its code is the reason), or work is waiting and no
    /// active worker can take it. <c>warning</c>: dead tasks wait for a person, or the queue is over 80% of its cap.
    /// Otherwise <c>healthy</c>, with no reasons.
    /// </summary>
    /// <param name="activeCapacity">The summed concurrency of the active workers (not draining or stopped).</param>
    /// <param name="maxPending">The tenant's cap on pending tasks; 0 means no cap.</param>
    /// <param name="storageFault">The storage fault standing now (<see cref="StorageFaults"/>), if any.</param>
    public static HealthVerdict Assess(QueueStats stats, int activeCapacity, long maxPending, DurqException? storageFault)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var degraded = new List<HealthReason>();
        if (storageFault is not null)
        {
            degraded.Add(new HealthReason(storageFault.Code, storageFault.Message));
        }

        if (stats.PendingTasks > 0 && activeCapacity == 0)
        {
            degraded.Add(new HealthReason(NoActiveWorkers, $"{stats.PendingTasks} tasks are pending and no active worker can take them."));
        }

        var warnings = new List<HealthReason>();
        if (stats.DeadTasks > 0)
        {
            warnings.Add(new HealthReason(DeadTasks, $"{stats.DeadTasks} dead tasks wait in the dead-letter queue."));
        }

        if (maxPending > 0 && stats.PendingTasks >= maxPending * NearlyFull)
        {
            warnings.Add(new HealthReason(QueueNearlyFull, $"{stats.PendingTasks} tasks are pending; the cap is {maxPending}."));
        }

        var status = degraded.Count > 0 ? Degraded : warnings.Count > 0 ? Warning : Healthy;
        return new HealthVerdict(status, [.. degraded, .. warnings]);
    }
}

/// <summary>A verdict and every reason for it, the gravest first.</summary>
internal sealed record HealthVerdict(string Status, IReadOnlyList<HealthReason> Reasons);

/// <summary>One reason for a verdict other than <c>healthy</c>: a stable code and a sentence for a person.</summary>
internal sealed record HealthReason(string Code, string Detail);
