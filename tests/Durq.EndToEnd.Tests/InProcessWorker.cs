using Durq.Client;
using Durq.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.EndToEnd.Tests;

/// <summary>A DurqWorker host inside the test process, pointed at one node, running one handler.</summary>
internal static class InProcessWorker
{
    public static async Task<IHost> StartAsync(
        Uri node, string workerId, string activityType, Func<RawJson, DurqTaskContext, Task<RawJson?>> handler, int concurrency = 16)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddDurqWorker(options =>
            {
                options.ServerUrl = node;
                options.WorkerId = workerId;
                options.Concurrency = concurrency;
                options.ShutdownTimeout = TimeSpan.FromSeconds(2);
            })
            .Handle(activityType, handler);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
