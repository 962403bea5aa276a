using Durq.Client;
using Durq.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Bench.Workloads;

/// <summary>A host running one DurqWorker with a single handler, as a user's worker process would.</summary>
internal static class BenchWorker
{
    public static IHost Start(Uri url, string workerId, int concurrency, string activityType, Func<RawJson, DurqTaskContext, Task<RawJson?>> handler)
    {
        // Configuration is not watched for changes (as in durq serve): the watch would cover the working directory, beneath
        // which the bench's stores write, and wake a file watcher at every commit on the cores being measured.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddDurqWorker(options =>
            {
                options.ServerUrl = url;
                options.WorkerId = workerId;
                options.Concurrency = concurrency;
            })
            .Handle(activityType, handler);
        var host = builder.Build();
        host.Start();
        return host;
    }

    public static HttpClient Http(Uri url) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = url };
}
