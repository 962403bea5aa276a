using Durq.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Durq.Server.Hosting;

/// <summary>Creates or migrates the database before the server takes requests (the start-up banner says where it is: Logs/StartupBanner).</summary>
internal sealed class StoreStartup(ITaskStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
