namespace Durq.Core.Storage;

/// <summary>
/// A store shared by several nodes that can tell this node when another node made work available (PostgreSQL's
/// LISTEN/NOTIFY). The embedded store has one node and does not implement it.
/// </summary>
internal interface ITaskWakeupSource
{
    /// <summary>
    /// Work made available anywhere, as it is announced; reconnects by itself after a lost connection (announcements
    /// made while disconnected are lost, which the claims' slow poll covers). Ends only when cancelled.
    /// </summary>
    IAsyncEnumerable<WorkAvailable> ListenAsync(CancellationToken cancellationToken);
}

/// <summary>Tasks of this activity type became claimable for this tenant: now, or at <see cref="VisibleAt"/> when that is later.</summary>
internal sealed record WorkAvailable(string Tenant, string ActivityType, DateTimeOffset? VisibleAt = null);
