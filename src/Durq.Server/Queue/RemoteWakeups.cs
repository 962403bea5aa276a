using Durq.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Durq.Server.Queue;

/// <summary>
/// Relays work announced by other nodes (a store shared by several nodes, such as PostgreSQL with LISTEN/NOTIFY) to
/// this node's waiting claims. With a store that has a single node it does nothing.
/// </summary>
internal sealed class RemoteWakeups(ITaskStore store, TaskSignals signals) : BackgroundService
{
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
                signals.Notify(work.Tenant, work.ActivityType);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
