using Durq.Storage.Dialect;
using Durq.Storage.Writing;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>
/// SQLite's writer policy: one connection for the life of the store, a savepoint per guarded write (local and cheap),
/// and the tenants' pending counts kept in memory from batch to batch, which stay exact because every write of the
/// store goes through this one writer.
/// </summary>
internal sealed class SqliteWriteSession(SqliteConnection connection) : IWriteSession
{
    /// <summary>
    /// How long pending counts read from the table are carried from batch to batch. Counting is O(pending tasks) and a
    /// batch that enqueues under a cap needs the count: recounted for every batch, single-task enqueue with a backlog
    /// slowed by half (docs/BENCHMARKS.md). Every write keeps the counts in step, so they stay exact; reading them again
    /// now and then only bounds what a mistake in that bookkeeping could cost.
    /// </summary>
    public static readonly TimeSpan PendingCountsLifetime = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, long> _committedPending = new(StringComparer.Ordinal);
    private readonly SqliteStatements _statements = new(connection);
    private SqliteTransaction? _transaction;
    private long _countsReadAt;
    private bool _commitStarted;
    private bool _synchronousFull = true;

    public IWriteOperations Operations => _statements.Operations;

    /// <summary>An embedded database has no connection to lose.</summary>
    public bool IsBroken => false;

    public ValueTask BeginAsync(bool durable)
    {
        // A transaction whose commit failed is still open: disposing it rolls it back.
        EndTransaction();
        _commitStarted = false;
        SetSynchronous(full: durable);
        _transaction = connection.BeginTransaction();
        _statements.Transaction = _transaction;
        if (Environment.TickCount64 - _countsReadAt >= PendingCountsLifetime.TotalMilliseconds)
        {
            _committedPending.Clear();
            _countsReadAt = Environment.TickCount64;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// FULL syncs the WAL at each commit; NORMAL leaves that to the next FULL commit or checkpoint, which syncs the frames
    /// before it too (the WAL is written in order), and loses nothing when only the process dies. SQLite refuses to change
    /// it inside a transaction, so it is set before each batch begins, and only when it changes.
    /// </summary>
    private void SetSynchronous(bool full)
    {
        if (full != _synchronousFull)
        {
            var pragma = full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
            _statements.Statement(pragma, () => pragma).ExecuteNonQuery();
            _synchronousFull = full;
        }
    }

    /// <summary>One writer: nothing else can change a count, so nothing needs locking.</summary>
    public ValueTask LockCountsAsync(IReadOnlyCollection<string> tenants) => ValueTask.CompletedTask;

    /// <summary>Nothing was deferred, as nothing is locked.</summary>
    public ValueTask LockDeferredCountsAsync() => ValueTask.CompletedTask;

    /// <summary>Read on first need: the rows counted include this transaction's own changes so far, which are taken off.</summary>
    public ValueTask<long> CommittedPendingCountAsync(string tenant, long uncommittedDelta)
    {
        if (!_committedPending.TryGetValue(tenant, out var count))
        {
            count = (long)_statements.Statement("CountPending").With("$tenant", tenant).ExecuteScalar()! - uncommittedDelta;
            _committedPending[tenant] = count;
        }

        return ValueTask.FromResult(count);
    }

    public ValueTask SavepointAsync()
    {
        Transaction.Save("write");
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackToSavepointAsync()
    {
        Transaction.Rollback("write");
        return ValueTask.CompletedTask;
    }

    /// <summary>Tasks are inserted as each enqueue runs (a local statement costs no round trip).</summary>
    public ValueTask FlushTaskInsertsAsync() => ValueTask.CompletedTask;

    public ValueTask CommitAsync(BatchChanges changes)
    {
        foreach (var ((tenant, name), delta) in changes.Counters)
        {
            _statements.Statement("AddToCounter").With("$tenant", tenant).With("$name", name).With("$delta", delta).ExecuteNonQuery();
        }

        _commitStarted = true;
        Transaction.Commit();
        EndTransaction();
        return ValueTask.CompletedTask;
    }

    public bool IsCommitFailure(Exception error) => _commitStarted;

    public ValueTask RollbackAsync()
    {
        Transaction.Rollback();
        EndTransaction();
        return ValueTask.CompletedTask;
    }

    public void Committed(BatchChanges changes)
    {
        foreach (var (tenant, delta) in changes.Pending)
        {
            if (_committedPending.TryGetValue(tenant, out var count))
            {
                _committedPending[tenant] = count + delta;
            }
        }
    }

    /// <summary>The connection is local: whatever failed, it can still roll back.</summary>
    public bool IsStatementFailure(Exception error) => true;

    public Exception ForCaller(Exception error) => error;

    public SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("No transaction is open.");

    /// <summary>Ends the open transaction, rolling back what it did not commit, and keeps the connection.</summary>
    public ValueTask EndBatchAsync()
    {
        EndTransaction();
        return ValueTask.CompletedTask;
    }

    private void EndTransaction()
    {
        _transaction?.Dispose();
        _transaction = null;
        _statements.Transaction = null;
    }

    public ValueTask DisposeAsync()
    {
        EndTransaction();
        _statements.Dispose();
        return ValueTask.CompletedTask;
    }
}
