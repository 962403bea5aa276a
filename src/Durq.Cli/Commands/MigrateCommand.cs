using System.CommandLine;
using Durq.Core.Storage;
using Durq.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq migrate</c>: creates the schema or brings it up to date, then exits — for deployments that migrate before
/// rolling out nodes. <c>serve</c> does the same at start, so running it is optional.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var store = new StoreFlags();
        var command = new Command("migrate", "Create or update the database schema, then exit.") { store.DataDir, store.Postgres };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = StoreRegistration.BuildStoreOnly(store.Configuration(result));
            var taskStore = services.GetRequiredService<ITaskStore>();
            if (!await StoreOpening.TryOpenAsync(() => taskStore, result, cancellationToken))
            {
                return StoreOpening.Failed;
            }

            Console.WriteLine($"Migrated: {taskStore.Description}");
            return 0;
        });
        return command;
    }
}
