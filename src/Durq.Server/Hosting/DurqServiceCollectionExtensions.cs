using System.Text.Json;
using System.Text.Json.Serialization;
using Durq.Contracts;
using Durq.Server.Apis;
using Durq.Server.Auth;
using Durq.Server.Events;
using Durq.Server.Logs;
using Durq.Server.Maintenance;
using Durq.Server.Observability;
using Durq.Server.OpenApi;
using Durq.Server.Queueing;
using Durq.Server.Scheduling;
using Durq.Server.Wakeups;
using Durq.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Durq.Server.Hosting;

/// <summary>Registers everything a Durq node needs: options (validated at start), the store, the API's services.</summary>
public static class DurqServiceCollectionExtensions
{
    public static IServiceCollection AddDurq(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
        services.AddOptions<WorkersOptions>().Bind(configuration.GetSection(WorkersOptions.Section)).ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkersOptions>, WorkersOptionsValidation>();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.AddOptions<SqliteStoreOptions>().Bind(configuration.GetSection("Storage")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QueueOptions>, QueueOptionsValidation>();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidation>();
        services.AddSingleton<IValidateOptions<SqliteStoreOptions>, StorageOptionsValidation>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddDurqStore(configuration);
        services.AddHostedService<StoreStartup>();
        services.AddDurqAuth(configuration);
        services.AddDurqObservability(configuration);
        services.AddSingleton<RequestTenant>();
        services.AddSingleton<QueueService>();
        services.AddSingleton<ActivityTypeService>();
        services.AddSingleton<TaskEnqueuer>();
        services.AddSingleton<ClaimWakeups>();
        services.AddSingleton<WorkerLog>();
        services.AddHostedService<StartupBanner>();
        services.AddHostedService<WakeupRelay>();
        services.AddSingleton<EventHub>();
        services.AddHostedService<EventRelay>();
        services.AddHostedService<LeaseReaper>();
        services.AddHostedService<RetentionService>();
        services.AddSingleton<ScheduleWakeup>();
        services.AddSingleton<ScheduleService>();
        services.AddHostedService<ScheduleFirer>();
        services.AddHostedService<TimeSeriesSampler>();

        // The OpenAPI document describes bodies with these options, so they must match the wire: snake_case, strict numbers.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, DurqJson.Context);
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddDurqOpenApi();
        return services;
    }
}
