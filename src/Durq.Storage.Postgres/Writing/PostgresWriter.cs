using System.Data;
using System.Threading.Channels;
using Durq.Core.Errors;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durq.Storage.Postgres.Writing;

/// <summary>
/// The store instance's only writer. Callers queue <see cref="WriteCommand"/>s; one loop takes every command waiting
/// (up to <c>maxBatch</c>), runs them in one transaction on its own connection, commits once and only then answers each
/// caller. This is group commit: throughput is not capped by the database's commit rate, and each answer still means
/// "durable". A batch runs in three steps: lock the count rows of every tenant it may change (in one fixed order, so
/// batches of different nodes never deadlock on them), run each command, then write the gathered task inserts, counts,
/// totals and announcements and commit, all in one round trip. Commands run without savepoints, as a refusal comes before any change;
/// a batch in which a statement fails is rolled back and run again with a savepoint per command, so the failure undoes
/// its own command alone. When the connection breaks, that batch's callers are told the store is unavailable and
/// the next batch connects again after a short backoff; the loop itself never ends before the store is disposed.
/// </summary>
internal sealed partial class PostgresWriter : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly Channel<WriteCommand> _queue = Channel.CreateUnbounded<WriteCommand>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<string> _countedTenants = new(StringComparer.Ordinal);
    private readonly string _connectionString;
    private readonly int _maxBatch;
    private readonly int _shard;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private NpgsqlConnection? _connection;
    private WriteContext? _context;
    private TimeSpan _backoff = TimeSpan.Zero;

    /// <param name="connectionString">A connection string without pooling: the writer keeps its connection for itself.</param>
    /// <param name="shard">This instance's shard of the cumulative totals.</param>
    public PostgresWriter(string connectionString, int maxBatch, int shard, ILogger logger)
    {
        _connectionString = connectionString;
        _maxBatch = maxBatch;
        _shard = shard;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public Task<T> SubmitAsync<T>(WriteCommand<T> command)
    {
        if (!_queue.Writer.TryWrite(command))
        {
            throw new StoreUnavailableException("The store is shutting down and takes no more writes.");
        }

        return command.Answer;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteCommand>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            await WaitOutBackoffAsync();
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var command))
            {
                batch.Add(command);
            }

            await RunBatchAsync(batch);
        }
    }

    /// <summary>After a lost connection, gives the database a moment to come back; writes arriving meanwhile join the next batch.</summary>
    private async Task WaitOutBackoffAsync()
    {
        if (_backoff > TimeSpan.Zero && !_stopping.IsCancellationRequested)
        {
            await Task.Delay(_backoff, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunBatchAsync(List<WriteCommand> batch)
    {
        IReadOnlyCollection<string> newTenants;
        try
        {
            var context = await ConnectAsync();
            // Most batches meet no error: they run without a savepoint per command (fewer round trips, and no
            // subtransaction per write on the server). One that does is rolled back and run again, each command guarded.
            newTenants = await RunInTransactionAsync(context, batch, guarded: false)
                ?? await RunInTransactionAsync(context, batch, guarded: true)
                ?? throw new InvalidOperationException("A guarded batch cannot ask to be run again.");
        }
        catch (Exception error)
        {
            // Whatever broke the batch, every caller in it must get an answer, and the loop must go on.
            var lost = await DropBrokenConnectionAsync();
            LogBatchFailed(error, batch.Count, lost);
            var unavailable = StoreErrors.Unavailable(
                "The database did not confirm the write, so it may not have been stored. Try again; an enqueue with the same Idempotency-Key is safe to repeat.",
                error);
            batch.ForEach(c => c.Fail(unavailable));
            return;
        }

        _backoff = TimeSpan.Zero;
        _countedTenants.UnionWith(newTenants);
        batch.ForEach(c => c.Release());
    }

    /// <summary>
    /// Runs the batch in one transaction and commits it; answers the tenants whose count rows it made. Unguarded, a
    /// failure that only a savepoint could undo alone rolls the whole transaction back and answers null instead.
    /// </summary>
    private async Task<IReadOnlyCollection<string>?> RunInTransactionAsync(WriteContext context, List<WriteCommand> batch, bool guarded)
    {
        await using var transaction = await context.Connection.BeginTransactionAsync();
        context.Begin(transaction);
        var newTenants = await LockCountsAsync(context, batch);
        foreach (var command in batch)
        {
            if (guarded)
            {
                await ExecuteGuardedAsync(context, command);
            }
            else if (!await TryExecuteAsync(context, command))
            {
                return await RollBackForGuardedRunAsync(transaction, batch);
            }
        }

        try
        {
            await context.CommitAsync();
        }
        catch (PostgresException error) when (!guarded && !context.IsCommitFailure(error))
        {
            // The shared INSERT gathers several callers' tasks; run again, each caller's tasks are written on their own.
            LogRunningGuarded(error, "the batch's closing statements");
            return await RollBackForGuardedRunAsync(transaction, batch);
        }

        return newTenants;
    }

    private static async Task<IReadOnlyCollection<string>?> RollBackForGuardedRunAsync(NpgsqlTransaction transaction, List<WriteCommand> batch)
    {
        await transaction.RollbackAsync();
        batch.ForEach(c => c.Reset());
        return null;
    }

    /// <summary>The open connection's context, or a new connection's when there is none or it was found broken while idle (keepalive).</summary>
    private async Task<WriteContext> ConnectAsync()
    {
        if (_context is not null && IsUsable(_connection))
        {
            return _context;
        }

        await ForgetConnectionAsync();
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        _context = new WriteContext(connection, _shard);
        return _context;
    }

    /// <summary>Locks the count rows of every tenant the batch may change; answers the tenants whose rows it had to make.</summary>
    private async Task<IReadOnlyCollection<string>> LockCountsAsync(WriteContext context, List<WriteCommand> batch)
    {
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var command in batch)
        {
            tenants.UnionWith(await command.CountedTenantsAsync(context));
        }

        if (tenants.Count == 0)
        {
            return [];
        }

        var newTenants = tenants.Where(t => !_countedTenants.Contains(t)).ToList();
        await context.LockCountsAsync(tenants, newTenants);
        return newTenants;
    }

    /// <summary>Forgets the connection if it broke, so the next batch opens a new one after a backoff.</summary>
    private async Task<bool> DropBrokenConnectionAsync()
    {
        if (IsUsable(_connection))
        {
            return false;
        }

        await ForgetConnectionAsync();
        _backoff = NextBackoff();
        return true;
    }

    private static bool IsUsable(NpgsqlConnection? connection) =>
        connection is not null && (connection.FullState & (ConnectionState.Open | ConnectionState.Broken)) == ConnectionState.Open;

    private TimeSpan NextBackoff() => _backoff == TimeSpan.Zero
        ? FirstBackoff
        : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));

    private async Task ForgetConnectionAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
            _context = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        await ForgetConnectionAsync();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "A batch of {Count} writes failed and every caller in it was told the store is unavailable (connection lost: {Lost})")]
    private partial void LogBatchFailed(Exception error, int count, bool lost);
}
