using System.Threading.Channels;
using Durq.Core.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>
/// The store's only writer. Callers queue <see cref="WriteCommand"/>s; one loop takes every command waiting (up to
/// <c>maxBatch</c>), runs them in one transaction, commits once (one fsync) and only then answers each caller.
/// This is group commit: throughput is not capped by the disk's fsync rate, and each answer still means "durable".
/// </summary>
internal sealed partial class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteCommand> _queue = Channel.CreateUnbounded<WriteCommand>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly WriteContext _context;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public SqliteWriter(SqliteConnection connection, int maxBatch, ILogger logger)
    {
        _connection = connection;
        _context = new WriteContext(connection);
        _maxBatch = maxBatch;
        _logger = logger;
        // A dedicated thread: commits block on fsync, and that should not take a thread-pool thread from the HTTP layer.
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task<T> SubmitAsync<T>(WriteCommand<T> command)
    {
        if (!_queue.Writer.TryWrite(command))
        {
            throw new StoreUnavailableException("The store is shutting down and takes no more writes.");
        }

        return command.Answer;
    }

    private void Run()
    {
        var batch = new List<WriteCommand>(_maxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var command))
            {
                batch.Add(command);
            }

            RunBatch(batch);
        }
    }

    private void RunBatch(List<WriteCommand> batch)
    {
        var succeeded = new List<WriteCommand>(batch.Count);
        try
        {
            using var transaction = _connection.BeginTransaction();
            _context.Begin(transaction);
            foreach (var command in batch)
            {
                if (TryExecute(command, transaction))
                {
                    succeeded.Add(command);
                }
            }

            transaction.Commit();
        }
        catch (Exception error)
        {
            // Whatever broke the batch, every caller in it must get an answer; those already failed keep theirs.
            LogCommitFailed(error, batch.Count);
            _context.ForgetPendingCounts(); // the batch's changes to them were rolled back with it
            var unavailable = new StoreUnavailableException("The database could not commit the write; nothing was stored.", error);
            batch.ForEach(c => c.Fail(unavailable));
            return;
        }

        succeeded.ForEach(c => c.Commit());
    }

    /// <summary>Runs one command inside a savepoint, so its failure undoes only its own changes.</summary>
    private bool TryExecute(WriteCommand command, SqliteTransaction transaction)
    {
        transaction.Save("command");
        _context.BeginCommand();
        try
        {
            command.Execute(_context);
            transaction.Release("command");
            return true;
        }
        catch (Exception error)
        {
            transaction.Rollback("command");
            transaction.Release("command");
            _context.UndoCommand();
            if (error is not DurqException)
            {
                LogCommandFailed(error, command.GetType().Name);
            }

            command.Fail(error);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _context.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing a batch of {Count} writes failed; every caller in it was told nothing was stored")]
    private partial void LogCommitFailed(Exception error, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Write {Command} failed and was rolled back")]
    private partial void LogCommandFailed(Exception error, string command);
}
