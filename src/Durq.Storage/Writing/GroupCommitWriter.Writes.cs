using Durq.Core.Errors;
using Durq.Storage.Dialect;
using Microsoft.Extensions.Logging;

namespace Durq.Storage.Writing;

/// <summary>How the writer runs one write of a batch: unguarded (the usual way) or inside a savepoint of its own.</summary>
internal sealed partial class GroupCommitWriter
{
    /// <summary>
    /// Runs one write without a savepoint. A refusal made before any change answers that caller alone; any other
    /// failure answers false, for the batch to be run again guarded (a failed statement may have left changes behind,
    /// or aborted the transaction).
    /// </summary>
    private async ValueTask<bool> TryExecuteAsync(IWriteSession session, Write write)
    {
        _context.BeginWrite();
        try
        {
            // A write that defers them carries both with its first statement, or sends nothing before the closing round trip.
            if (!write.DefersLocksAndInserts)
            {
                await session.LockDeferredCountsAsync();
                if (!write.SharesTaskInsert)
                {
                    await session.FlushTaskInsertsAsync();
                }
            }

            await write.ExecuteAsync(_context);
            _context.KeepWrite();
            return true;
        }
        catch (DurqException refusal) when (!write.MayRefuseAfterWriting)
        {
            _context.DropWrite();
            write.Refuse(refusal);
            return true;
        }
        catch (Exception error) when (IsStatementFailure(session, error))
        {
            LogRunningGuarded(error, write.GetType().Name);
            return false;
        }
    }

    /// <summary>Runs one write inside a savepoint, so its failure undoes only its own changes.</summary>
    private async ValueTask ExecuteGuardedAsync(IWriteSession session, Write write)
    {
        _context.BeginWrite();
        await session.SavepointAsync();
        try
        {
            await write.ExecuteAsync(_context);
            await session.FlushTaskInsertsAsync();
            _context.KeepWrite();
        }
        catch (Exception error) when (IsStatementFailure(session, error))
        {
            // A refusal, a bug, or an error the database raised for this statement alone: the connection is still good.
            _context.DropWrite();
            await session.RollbackToSavepointAsync();
            if (error is not DurqException)
            {
                LogWriteFailed(error, write.GetType().Name);
            }

            write.Refuse(error is DurqException ? error : session.ForCaller(error));
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A batch failed in {Step} and was rolled back; it runs again with a savepoint per write, so the failure answers its own caller alone")]
    private partial void LogRunningGuarded(Exception error, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Write {Write} failed and was rolled back")]
    private partial void LogWriteFailed(Exception error, string write);
}
