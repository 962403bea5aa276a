using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durq.Client;

/// <summary>Adds Durq workers to a host.</summary>
public static class DurqWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a worker that registers with the Durq server at <see cref="DurqWorkerOptions.ServerUrl"/> when the host
    /// starts, claims tasks for the activity types given to <see cref="DurqWorkerBuilder.Handle"/>, runs them, and
    /// deregisters when the host stops. Each call adds another worker with its own options and handlers.
    /// </summary>
    /// <remarks>
    /// The worker reads time from the <see cref="TimeProvider"/> in the container (else the system clock) and logs
    /// through <see cref="ILogger"/>. Each task runs in an <see cref="System.Diagnostics.Activity"/> of the
    /// <c>Durq.Client</c> activity source, a child of the <c>traceparent</c> the task was enqueued with.
    /// A misconfigured worker (see <see cref="DurqWorkerOptions"/>) makes the host fail to start.
    /// </remarks>
    public static DurqWorkerBuilder AddDurqWorker(this IServiceCollection services, Action<DurqWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new DurqWorkerBuilder(services);
        // Not AddHostedService: it would keep only the first of several workers, as they share one implementation type.
        services.AddSingleton<IHostedService>(provider =>
        {
            var options = new DurqWorkerOptions();
            configure(options);
            options.Validate(builder.Handlers.Count);
            return new DurqWorker(
                options, builder.Handlers, provider,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetService<ILogger<DurqWorker>>() ?? NullLogger<DurqWorker>.Instance);
        });
        return builder;
    }
}
