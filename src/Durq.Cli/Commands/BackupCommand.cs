using System.CommandLine;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq backup FILE</c>: a copy of the embedded store as of one moment, made beside a running server on the same data
/// folder (it takes no lock and migrates nothing, as <c>durq keys</c> does not). On PostgreSQL it names the
/// <c>pg_dump</c> command instead. docs/deploy.md has the restore.
/// </summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var store = new StoreFlags();
        var file = new Argument<string>("file") { Description = "The file to write the copy to; a SQLite database, as durq.db is." };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("backup", "Copy the SQLite store to a file while the server runs, or name the pg_dump command for PostgreSQL.")
        {
            file, force, store.DataDir, store.Postgres,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var destination = Path.GetFullPath(result.GetValue(file)!);
            await using var services = StoreRegistration.BuildStoreOnly(store.Configuration(result, new() { ["Storage:ShareDataFolder"] = "true" }));
            try
            {
                await services.GetRequiredService<IStoreBackup>().BackupAsync(destination, result.GetValue(force), cancellationToken);
            }
            catch (StoreBackupException error)
            {
                // Console, not the styled terminal: the line (a pg_dump command, say) must stay one line to be copied.
                await Console.Error.WriteLineAsync("error: " + error.Message);
                return ClientAction.Failed;
            }

            Console.WriteLine($"Backed up {services.GetRequiredService<ITaskStore>().Description} to {destination} ({new FileInfo(destination).Length} bytes).");
            return ClientAction.Succeeded;
        });
        return command;
    }
}
