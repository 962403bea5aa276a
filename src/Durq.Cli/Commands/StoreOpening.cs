using System.CommandLine;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Microsoft.Extensions.Options;

namespace Durq.Cli.Commands;

/// <summary>
/// Opens (migrates) the store before anything else runs, so that data the store cannot use — a damaged or foreign
/// <c>durq.db</c>, a data folder another process holds, a read-only PostgreSQL — or a bad setting ends the command with
/// one line that says what to do, rather than the host's log of a failed start and a stack trace.
/// </summary>
internal static class StoreOpening
{
    /// <summary>The exit code of a command that could not open its store.</summary>
    public const int Failed = 2;

    /// <summary>Migrates <paramref name="store"/>; on failure writes the one line to standard error and answers false.</summary>
    public static async Task<bool> TryOpenAsync(Func<ITaskStore> store, ParseResult command, CancellationToken cancellationToken)
    {
        try
        {
            await store().MigrateAsync(cancellationToken);
            return true;
        }
        catch (Exception error) when (error is StoreStartupException or StoreUnavailableException or OptionsValidationException)
        {
            // Console, not the styled terminal: the line must stay one line whatever the width of the window.
            await Console.Error.WriteLineAsync("error: " + error.Message);
            Verbose.WriteDetails(command, error.InnerException ?? error);
            return false;
        }
    }
}
