using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Durq.Client.Tests;

/// <summary>
/// A host running one Durq worker against an in-memory node, as an application would run it: through
/// <see cref="DurqWorkerServiceCollectionExtensions.AddDurqWorker"/>. The worker shares the node's fake clock.
/// </summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    public const string WorkerId = "test-worker";

    private readonly IHost _host;
    private bool _stopped;

    public WorkerHost(
        DurqApiFactory node, ITestOutputHelper output, Action<DurqWorkerBuilder> handlers, Action<DurqWorkerOptions>? configure = null,
        Func<HttpMessageHandler, HttpMessageHandler>? transport = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(node.Clock);
        builder.Logging.AddProvider(new XunitLoggerProvider(output)).SetMinimumLevel(LogLevel.Debug);
        handlers(builder.Services.AddDurqWorker(options =>
        {
            options.ServerUrl = node.Server.BaseAddress;
            options.WorkerId = WorkerId;
            options.HttpMessageHandlerFactory = () => transport is null ? node.Server.CreateHandler() : transport(node.Server.CreateHandler());
            configure?.Invoke(options);
        }));
        _host = builder.Build();
    }

    public Task StartAsync() => _host.StartAsync();

    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        _host.Dispose();
    }
}
