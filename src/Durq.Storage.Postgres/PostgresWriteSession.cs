using System.Data;
using Durq.Storage.Dialect;
using Durq.Storage.Events;
using Durq.Storage.Writing;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// PostgreSQL's writer policy on the writer's own connection: each tenant's pending count is one row, locked by every
/// batch that may change it before any other statement of the batch (in one fixed order, so batches of different nodes
/// never deadlock on them); enqueues share one INSERT; and the batch's closing statements (the INSERT, counts, totals,
/// the NOTIFYs of work and of changes for the event stream) go with the COMMIT in one round trip. The count locks go
/// with the first statement a batch sends anyway: the closing round trip for enqueues with no key and no cap (one round
/// trip in all), a claim's read of its activity types (<see cref="ReadCarryingDeferredAsync"/>), which also carries the
/// tasks that enqueues before it in the batch gathered (a claim handed off to an enqueue's batch, ClaimHandOffs).
/// </summary>
internal sealed class PostgresWriteSession : IWriteSession
{
    /// <summary>Work is announced as <c>tenant|activity_type</c>; activity types cannot contain '|'.</summary>
    public const char WorkSeparator = '|';

    private readonly NpgsqlConnection _connection;
    private readonly (Guid Node, string Store) _origin;
    private readonly int _shard;
    private readonly HashSet<string> _tenantsWithCountRows;
    private readonly TaskStatistics _statistics;
    private readonly Dictionary<string, long> _lockedPending = new(StringComparer.Ordinal);
    private readonly List<string> _newTenants = [];
    private readonly List<string> _countRowsMissing = [];
    private readonly PostgresTaskInsert _taskInsert = new();
    private readonly List<NpgsqlCommand> _statements = [];
    private readonly PostgresOperations _operations;
    private NpgsqlTransaction? _transaction;
    private string[] _countsToLock = [];
    private NpgsqlBatchCommand? _commit;
    private bool _savepointOpen;
    private bool _durable;
    private int _inserted;

    /// <param name="tenantsWithCountRows">The tenants whose count rows this store instance knows exist; shared by its sessions.</param>
    /// <param name="origin">Names this node and its store in the changes it tells the other nodes' event streams.</param>
    public PostgresWriteSession(
        NpgsqlConnection connection, int shard, HashSet<string> tenantsWithCountRows, TaskStatistics statistics, (Guid Node, string Store) origin)
    {
        _origin = origin;
        _connection = connection;
        _shard = shard;
        _tenantsWithCountRows = tenantsWithCountRows;
        _statistics = statistics;
        _operations = new PostgresOperations(this);
    }

    public IWriteOperations Operations => _operations;

    public bool IsBroken => (_connection.FullState & (ConnectionState.Open | ConnectionState.Broken)) != ConnectionState.Open;

    public async ValueTask BeginAsync(bool durable)
    {
        _durable = durable;
        DisposeStatements();
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        _transaction = await _connection.BeginTransactionAsync();
        _lockedPending.Clear();
        _countsToLock = [];
        _newTenants.Clear();
        _countRowsMissing.Clear();
        _taskInsert.Clear();
        _commit = null;
        _savepointOpen = false;
        _inserted = 0;
    }

    /// <summary>
    /// A new command for <c>Sql/{name}.sql</c> in the current transaction, disposed with the batch. Commands are not
    /// reused with other parameters (Npgsql binds a command's parameters when it first parses it); the server-side
    /// statements of those that come back with most batches are reused all the same, prepared explicitly
    /// (PostgresDialect.WithoutAutoPrepare). None may be made while the batch's count locks are still deferred.
    /// </summary>
    public NpgsqlCommand Statement(string name)
    {
        if (_countsToLock.Length > 0)
        {
            // No statement may come before the count locks: that order is what keeps nodes from deadlocking.
            throw new InvalidOperationException($"Sql/{name}.sql would run before the batch's count locks (Write.DefersLocksAndInserts).");
        }

        var command = new NpgsqlCommand(SqlText.Query(name), _connection, _transaction);
        _statements.Add(command);
        return command;
    }

    /// <summary>Gathers the request's tasks for the batch's shared INSERT.</summary>
    public void GatherTaskInsert(Core.Storage.EnqueueParams request)
    {
        _taskInsert.Add(request);
        _inserted += request.Tasks.Count;
    }

    /// <summary>
    /// Notes the tenants whose count rows the batch must lock; they are locked, in one fixed order, with the batch's first
    /// statement: at once when a write reads a count or sends a statement of its own, else in the closing round trip.
    /// Either way no other statement of the batch comes before them, so batches of different nodes never deadlock.
    /// </summary>
    public ValueTask LockCountsAsync(IReadOnlyCollection<string> tenants)
    {
        _countsToLock = [.. tenants];
        return ValueTask.CompletedTask;
    }

    /// <summary>Locks the count rows noted for the batch, first making those this writer has not seen.</summary>
    public async ValueTask LockDeferredCountsAsync()
    {
        if (_countsToLock.Length == 0)
        {
            return;
        }

        var tenants = _countsToLock;
        _countsToLock = [];
        _newTenants.AddRange(tenants.Where(t => !_tenantsWithCountRows.Contains(t)));
        if (_newTenants.Count > 0)
        {
            await Statement("EnsureQueueCounts").With<string[]>("tenants", [.. _newTenants]).ExecuteNonQueryAsync();
        }

        await ReadLockedCountsAsync(tenants);
        var missing = tenants.Where(t => !_lockedPending.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
        {
            // A row this writer thought existed is gone (the table was emptied by hand): make it again from the tasks.
            await Statement("EnsureQueueCounts").With("tenants", missing).ExecuteNonQueryAsync();
            await ReadLockedCountsAsync(tenants);
        }
    }

    /// <summary>
    /// Runs <c>Sql/{name}.sql</c> (prepared, as it comes back with most batches) and reads its rows, with what the batch
    /// deferred going ahead of it in the same round trip: the count locks when every row is known to exist, then the
    /// tasks gathered for the shared INSERT (what follows may read them). A count row found
    /// missing there is made again and locked, and the statement (which locks nothing) runs again after it; with tasks
    /// inserted in the same round trip the batch is run again guarded instead.
    /// </summary>
    public async Task<T> ReadCarryingDeferredAsync<T>(string name, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, Task<T>> read)
    {
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        var tenants = await LockCountsAheadAsync(batch);
        var inserting = AddTaskInsert(batch);
        if (tenants is null && !inserting)
        {
            return await ReadAfterCountLocksAsync(name, bind, read);
        }

        var statement = new NpgsqlBatchCommand(SqlText.Query(name));
        bind(statement.Parameters);
        batch.BatchCommands.Add(statement);
        await batch.PrepareAsync();
        T result;
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            if (tenants is not null)
            {
                await KeepLockedCountsAsync(reader);
                await reader.NextResultAsync();
            }

            result = await read(reader);
        }

        if (tenants is null || tenants.All(_lockedPending.ContainsKey))
        {
            return result;
        }

        if (inserting)
        {
            // The row would be made again from tasks that include those just inserted, which the batch's own change
            // then counts a second time: run again guarded, the batch makes and locks its rows before any insert.
            throw new InvalidOperationException("A count row was missing under tasks inserted in the same round trip.");
        }

        _countsToLock = tenants;
        await LockDeferredCountsAsync();
        return await ReadAfterCountLocksAsync(name, bind, read);
    }

    /// <summary>Adds the tasks gathered for the shared INSERT to <paramref name="batch"/>; false when none are.</summary>
    private bool AddTaskInsert(NpgsqlBatch batch)
    {
        if (_taskInsert.IsEmpty)
        {
            return false;
        }

        batch.BatchCommands.Add(_taskInsert.ToStatement());
        _taskInsert.Clear();
        return true;
    }

    private async Task<T> ReadAfterCountLocksAsync<T>(string name, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, Task<T>> read)
    {
        var command = Statement(name);
        bind(command.Parameters);
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        return await read(reader);
    }

    private async Task ReadLockedCountsAsync(IReadOnlyCollection<string> tenants)
    {
        await using var reader = await Statement("LockQueueCounts").With<string[]>("tenants", [.. tenants]).ExecuteReaderAsync();
        await KeepLockedCountsAsync(reader);
    }

    /// <summary>Keeps the rows of a <c>LockQueueCounts</c> result: each locked tenant's committed pending count.</summary>
    private async Task KeepLockedCountsAsync(NpgsqlDataReader reader)
    {
        while (await reader.ReadAsync())
        {
            _lockedPending[reader.GetString(0)] = reader.GetInt64(1);
        }
    }

    /// <summary>The locked row's count: the rows of other nodes' writes cannot change while this batch holds it.</summary>
    public async ValueTask<long> CommittedPendingCountAsync(string tenant, long uncommittedDelta)
    {
        await LockDeferredCountsAsync();
        return _lockedPending.TryGetValue(tenant, out var count)
            ? count
            : throw new InvalidOperationException($"The count row of tenant '{tenant}' is not locked by this batch.");
    }

    /// <summary>Opens the write's savepoint, releasing the previous write's in the same round trip.</summary>
    public async ValueTask SavepointAsync()
    {
        await LockDeferredCountsAsync();
        await Statement(_savepointOpen ? "NextSavepoint" : "FirstSavepoint").ExecuteNonQueryAsync();
        _savepointOpen = true;
    }

    public async ValueTask RollbackToSavepointAsync()
    {
        _taskInsert.Clear();
        await Statement("RollbackToSavepoint").ExecuteNonQueryAsync();
    }

    public async ValueTask FlushTaskInsertsAsync()
    {
        if (_taskInsert.IsEmpty)
        {
            return;
        }

        await LockDeferredCountsAsync();
        await using var insert = new NpgsqlBatch(_connection, _transaction);
        AddTaskInsert(insert);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Writes the tasks still gathered for the shared INSERT and the batch's changes to counts and totals, announces its
    /// work, and commits: one round trip for all of it, which returns once the commit is durable. Count rows whose lock
    /// was deferred this far are locked first in the same round trip.
    /// </summary>
    public async ValueTask CommitAsync(BatchChanges changes)
    {
        await using var closing = new NpgsqlBatch(_connection, _transaction);
        var lockingCounts = await LockCountsAheadAsync(closing);
        AddTaskInsert(closing);
        AddChanges(closing, changes);
        if (!_durable)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("CommitWithoutWaitingForDisk")));
        }

        _commit = new NpgsqlBatchCommand(SqlText.Query("Commit"));
        closing.BatchCommands.Add(_commit);
        // Prepared, as these statements come back with every batch (PostgresDialect.WithoutAutoPrepare says how).
        await closing.PrepareAsync();
        if (lockingCounts is null)
        {
            await closing.ExecuteNonQueryAsync();
            return;
        }

        await using var reader = await closing.ExecuteReaderAsync();
        await KeepLockedCountsAsync(reader);
        while (await reader.NextResultAsync())
        {
        }

        // A row this writer thought existed was gone (the table was emptied by hand), so the batch's change to it was
        // lost: the next batch makes it again from the tasks themselves, which this one has just committed.
        _countRowsMissing.AddRange(lockingCounts.Where(t => !_lockedPending.ContainsKey(t)));
    }

    /// <summary>
    /// Adds the lock of the deferred count rows as the first statement of <paramref name="batch"/> (still empty) when
    /// every one is known to exist, and answers their tenants. Null when nothing is left to lock there: none was
    /// deferred, or a tenant this writer has not seen yet made them be made and locked in a round trip of their own.
    /// </summary>
    private async ValueTask<string[]?> LockCountsAheadAsync(NpgsqlBatch batch)
    {
        if (_countsToLock.Length == 0)
        {
            return null;
        }

        if (_countsToLock.Any(t => !_tenantsWithCountRows.Contains(t)))
        {
            await LockDeferredCountsAsync();
            return null;
        }

        var tenants = _countsToLock;
        _countsToLock = [];
        batch.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("LockQueueCounts")).With<string[]>("tenants", tenants));
        return tenants;
    }

    public bool IsCommitFailure(Exception error) =>
        error is PostgresException postgres && _commit is not null && ReferenceEquals(postgres.BatchCommand, _commit);

    public async ValueTask RollbackAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync();
        }
    }

    public void Committed(BatchChanges changes)
    {
        _tenantsWithCountRows.UnionWith(_newTenants);
        _tenantsWithCountRows.ExceptWith(_countRowsMissing);
        if (_inserted > 0)
        {
            _statistics.Inserted(_inserted);
        }
    }

    /// <summary>
    /// An error the server raised for one statement (or any that is not the connection's) leaves the connection good,
    /// unless the driver broke the connection over it (it does so when the protocol falls out of step): then the batch
    /// fails as for a lost connection, and the next one connects again.
    /// </summary>
    public bool IsStatementFailure(Exception error) => !IsBroken && (error is not NpgsqlException || error is PostgresException);

    public Exception ForCaller(Exception error) => error is PostgresException && StoreErrors.IsTransient(error)
        ? StoreErrors.Unavailable("The database turned the write away for now; nothing was stored. Try again.", error)
        : error;

    private void AddChanges(NpgsqlBatch closing, BatchChanges changes)
    {
        var pending = changes.Pending.Where(p => p.Value != 0).ToArray();
        if (pending.Length > 0)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("AddToQueueCounts"))
                .With<string[]>("tenants", [.. pending.Select(p => p.Key)])
                .With<long[]>("deltas", [.. pending.Select(p => p.Value)]));
        }

        if (changes.Counters.Count > 0)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("AddToCounters")).With("shard", _shard)
                .With<string[]>("tenants", [.. changes.Counters.Keys.Select(k => k.Tenant)])
                .With<string[]>("names", [.. changes.Counters.Keys.Select(k => k.Name)])
                .With<long[]>("deltas", [.. changes.Counters.Values]));
        }

        // Work due later is woken on this node by its own timers; other nodes find it by their claims' slow poll.
        var work = changes.WorkDueNow().Select(w => w.Tenant + WorkSeparator + w.ActivityType).ToArray();
        if (work.Length > 0)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("AnnounceWork")).With<string[]>("work", work));
        }

        if (changes.TaskEvents.Count > 0 || changes.Circuits.Count > 0)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("TellEvents"))
                .With<string[]>("payloads", [.. StoreEventPayloads.Encode(_origin.Node, _origin.Store, changes.Events())]));
        }
    }

    private void DisposeStatements()
    {
        _statements.ForEach(c => c.Dispose());
        _statements.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        DisposeStatements();
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}
