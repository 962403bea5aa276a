using Durq.Core.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Hosting;

/// <summary>Creates or migrates the database before the server takes requests, and says where it listens and keeps data.</summary>
internal sealed partial class StoreStartup(
    ITaskStore store, IServer server, IHostApplicationLifetime lifetime, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        LogStore(store.Description);
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(address);
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq data: {Store}")]
    private partial void LogStore(string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq listening on {Address}")]
    private partial void LogListening(string address);
}
