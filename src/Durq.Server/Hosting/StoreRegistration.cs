using Durq.Core.Storage;
using Durq.Storage.Postgres;
using Durq.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Hosting;

/// <summary>
/// Chooses the store: PostgreSQL when <c>Storage:Postgres</c> holds a connection string (<c>durq serve --postgres</c>),
/// else the embedded SQLite store in <c>Storage:DataDir</c>.
/// </summary>
public static class StoreRegistration
{
    public const string PostgresKey = "Storage:Postgres";

    public static IServiceCollection AddDurqStore(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration[PostgresKey];
        if (string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton(sp => new SqliteTaskStore(
                sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<ILogger<SqliteTaskStore>>()));
            services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<SqliteTaskStore>());
            services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<SqliteTaskStore>());
            services.AddSingleton<IScheduleStore>(sp => sp.GetRequiredService<SqliteTaskStore>());
            services.AddSingleton<IStoreBackup>(sp => sp.GetRequiredService<SqliteTaskStore>());
            return services;
        }

        var options = new PostgresStoreOptions
        {
            ConnectionString = postgres,
            MaxWriteBatch = configuration.GetValue("Storage:MaxWriteBatch", 1000),
            MaxReadConnections = configuration.GetValue("Storage:MaxReadConnections", 16),
        };
        services.AddSingleton(sp => new PostgresTaskStore(options,
            sp.GetRequiredService<ILogger<PostgresTaskStore>>()));
        services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<PostgresTaskStore>());
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<PostgresTaskStore>());
        services.AddSingleton<IScheduleStore>(sp => sp.GetRequiredService<PostgresTaskStore>());
        services.AddSingleton<IStoreBackup>(sp => sp.GetRequiredService<PostgresTaskStore>());
        return services;
    }

    /// <summary>A store built from configuration alone, for commands that run without the server (<c>durq migrate</c>, <c>keys</c>, <c>backup</c>).</summary>
    public static ServiceProvider BuildStoreOnly(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<SqliteStoreOptions>().Bind(configuration.GetSection("Storage"));
        services.AddDurqStore(configuration);
        return services.BuildServiceProvider();
    }
}
