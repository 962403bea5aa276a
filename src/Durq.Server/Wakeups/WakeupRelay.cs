using Durq.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Durq.Server.Wakeups;

/// <summary>
/// The one source of claim wake-ups: the work each of this node's commits made claimable (the store's
/// <see cref="ITaskStore.WorkCommitted"/>), and, with a store shared by several nodes (PostgreSQL's LISTEN/NOTIFY), the
/// work other nodes announce.
/// </summary>
internal sealed class WakeupRelay(ITaskStore store, ClaimWakeups wakeups) : BackgroundService
{
    /// <summary>Subscribes before the node takes requests, so no commit goes unheard.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        store.WorkCommitted += OnWorkCommitted;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        store.WorkCommitted -= OnWorkCommitted;
    }

    /// <summary>Relays the work other nodes announce; a store with a single node has none.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not ITaskWakeupSource source)
        {
            return;
        }

        try
        {
            await foreach (var work in source.ListenAsync(stoppingToken))
            {
                wakeups.Notify(work.Tenant, work.ActivityType, work.VisibleAt);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void OnWorkCommitted(object? sender, WorkAvailable work) => wakeups.Notify(work.Tenant, work.ActivityType, work.VisibleAt);
}
