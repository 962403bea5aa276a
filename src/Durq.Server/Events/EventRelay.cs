using System.Threading.Channels;
using Durq.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Events;

/// <summary>
/// Feeds the <see cref="EventHub"/>: this node's commits (handed over on the store's writer loop, which only queues
/// them here) and, with a store shared by several nodes, the changes the other nodes tell (PostgreSQL's NOTIFY).
/// </summary>
internal sealed partial class EventRelay(ITaskStore store, EventHub hub, ILogger<EventRelay> logger) : BackgroundService
{
    private readonly Channel<IReadOnlyList<StoreEvent>> _committed =
        Channel.CreateUnbounded<IReadOnlyList<StoreEvent>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Subscribes before the node takes requests, so no commit goes untold.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is ITaskEventSource source)
        {
            source.EventsCommitted += OnCommitted;
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (store is ITaskEventSource source)
        {
            source.EventsCommitted -= OnCommitted;
        }

        _committed.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not ITaskEventSource source)
        {
            return;
        }

        await Task.WhenAll(PublishCommittedAsync(stoppingToken), PublishOtherNodesAsync(source, stoppingToken));
    }

    private async Task PublishCommittedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var changes in _committed.Reader.ReadAllAsync(stoppingToken))
            {
                hub.Publish(changes);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PublishOtherNodesAsync(ITaskEventSource source, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var changes in source.ListenForEventsAsync(stoppingToken))
            {
                hub.Publish(changes);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception error)
        {
            LogListeningFailed(error);
        }
    }

    private void OnCommitted(object? sender, IReadOnlyList<StoreEvent> changes) => _committed.Writer.TryWrite(changes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hearing other nodes' changes for the event stream failed; streams show this node's changes only")]
    private partial void LogListeningFailed(Exception error);
}
