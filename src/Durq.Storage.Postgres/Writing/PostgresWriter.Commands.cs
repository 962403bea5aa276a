using Durq.Core.Errors;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durq.Storage.Postgres.Writing;

/// <summary>How the writer runs one command of a batch: unguarded (the usual way) or inside a savepoint of its own.</summary>
internal sealed partial class PostgresWriter
{
    /// <summary>
    /// Runs one command without a savepoint. A refusal made before any change answers that caller alone; any other
    /// failure answers false, for the batch to be run again guarded (a failed statement has aborted the transaction).
    /// </summary>
    private async Task<bool> TryExecuteAsync(WriteContext context, WriteCommand command)
    {
        await context.BeginCommandAsync(guarded: false);
        try
        {
            if (!command.SharesTaskInsert)
            {
                await context.WriteTaskInsertAsync();
            }

            await command.ExecuteAsync(context);
            context.KeepCommand();
            return true;
        }
        catch (DurqException refusal) when (!command.MayRefuseAfterWriting)
        {
            context.DropCommand();
            command.Refuse(refusal);
            return true;
        }
        catch (Exception error) when (error is not NpgsqlException || error is PostgresException)
        {
            LogRunningGuarded(error, command.GetType().Name);
            return false;
        }
    }

    /// <summary>Runs one command inside a savepoint, so its failure undoes only its own changes.</summary>
    private async Task ExecuteGuardedAsync(WriteContext context, WriteCommand command)
    {
        await context.BeginCommandAsync(guarded: true);
        try
        {
            await command.ExecuteAsync(context);
            await context.WriteTaskInsertAsync();
            context.KeepCommand();
        }
        catch (Exception error) when (error is not NpgsqlException || error is PostgresException)
        {
            // A refusal, a bug, or an error the server raised for this statement alone: the connection is still good.
            await context.UndoCommandAsync();
            if (error is not DurqException)
            {
                LogCommandFailed(error, command.GetType().Name);
            }

            command.Refuse(error is PostgresException && StoreErrors.IsTransient(error)
                ? StoreErrors.Unavailable("The database turned the write away for now; nothing was stored. Try again.", error)
                : error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A batch failed in {Step} and was rolled back; it runs again with a savepoint per write, so the failure answers its own caller alone")]
    private partial void LogRunningGuarded(Exception error, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Write {Command} failed and was rolled back")]
    private partial void LogCommandFailed(Exception error, string command);
}
