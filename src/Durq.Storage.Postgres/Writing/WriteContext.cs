using Durq.Core.Storage;
using Npgsql;

namespace Durq.Storage.Postgres.Writing;

/// <summary>
/// What a <see cref="WriteCommand"/> sees of the writer: statements bound to the current transaction, the pending
/// counts of the tenants whose count rows the batch holds, and the changes to write just before the commit.
/// </summary>
internal sealed class WriteContext(NpgsqlConnection connection, int shard) : IAsyncDisposable
{
    /// <summary>Work is announced as <c>tenant|activity_type</c>; activity types cannot contain '|'.</summary>
    public const char WorkSeparator = '|';

    private readonly List<NpgsqlCommand> _statements = [];
    private readonly Dictionary<string, long> _lockedPending = new(StringComparer.Ordinal);
    private readonly BatchChanges _batch = new();
    private readonly BatchChanges _command = new();
    private readonly TaskInsert _taskInsert = new();
    private NpgsqlTransaction? _transaction;
    private NpgsqlBatchCommand? _commit;
    private bool _savepointOpen;

    public NpgsqlConnection Connection => connection;

    /// <summary>Starts a batch in <paramref name="transaction"/> with nothing locked or changed yet.</summary>
    public void Begin(NpgsqlTransaction transaction)
    {
        DisposeStatements();
        _transaction = transaction;
        _lockedPending.Clear();
        _batch.Clear();
        _command.Clear();
        _taskInsert.Clear();
        _commit = null;
        _savepointOpen = false;
    }

    /// <summary>
    /// A new command for <c>Sql/{name}.sql</c> in the current transaction, disposed with the batch. Commands are not
    /// reused with other parameters (Npgsql binds a command's parameters when it first parses it); the server-side
    /// statements are reused all the same, as Npgsql prepares them by their text (<c>Max Auto Prepare</c>).
    /// </summary>
    public NpgsqlCommand Statement(string name)
    {
        var command = new NpgsqlCommand(SqlText.Query(name), connection, _transaction);
        _statements.Add(command);
        return command;
    }

    /// <summary>
    /// Locks the count rows of <paramref name="tenants"/> in one fixed order, first making those of
    /// <paramref name="newTenants"/> (tenants this writer has not seen a row for yet).
    /// </summary>
    public async Task LockCountsAsync(IReadOnlyCollection<string> tenants, IReadOnlyCollection<string> newTenants)
    {
        if (newTenants.Count > 0)
        {
            await Statement("EnsureQueueCounts").With<string[]>("tenants", [.. newTenants]).ExecuteNonQueryAsync();
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

    private async Task ReadLockedCountsAsync(IReadOnlyCollection<string> tenants)
    {
        await using var reader = await Statement("LockQueueCounts").With<string[]>("tenants", [.. tenants]).ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _lockedPending[reader.GetString(0)] = reader.GetInt64(1);
        }
    }

    /// <summary>The tenant's pending tasks as this command sees them: the locked count plus the batch's changes so far.</summary>
    public long PendingCount(string tenant) =>
        Locked(tenant) + _batch.PendingDelta(tenant) + _command.PendingDelta(tenant);

    public void AdjustPending(string tenant, long delta)
    {
        Locked(tenant);
        _command.AddPending(tenant, delta);
    }

    /// <summary>Adds to a cumulative total (<c>started_tasks</c>, <c>completed_tasks</c>, <c>failed_attempts</c>).</summary>
    public void AddToCounter(string tenant, string name, long delta) => _command.AddToCounter(tenant, name, delta);

    /// <summary>Tells every node, once the batch commits, that tasks of this type became claimable for this tenant.</summary>
    public void Announce(string tenant, string activityType) => _command.Announce(tenant, activityType);

    /// <summary>Adds the request's tasks to the batch's shared INSERT (see <see cref="TaskInsert"/>).</summary>
    public void InsertTasks(EnqueueParams request) => _taskInsert.Add(request);

    /// <summary>Writes the tasks gathered for the shared INSERT now, before a write that might read them.</summary>
    public async Task WriteTaskInsertAsync()
    {
        if (_taskInsert.IsEmpty)
        {
            return;
        }

        await using var insert = new NpgsqlBatch(connection, _transaction) { BatchCommands = { _taskInsert.ToStatement() } };
        _taskInsert.Clear();
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Starts the next command. Guarded, it runs in a savepoint of its own (releasing the previous one in the same round
    /// trip), so a failure of any kind can undo it alone; unguarded it costs no round trip, and only a refusal before any
    /// change (<see cref="DropCommand"/>) leaves the batch going.
    /// </summary>
    public async Task BeginCommandAsync(bool guarded)
    {
        _command.Clear();
        if (guarded)
        {
            await Statement(_savepointOpen ? "NextSavepoint" : "FirstSavepoint").ExecuteNonQueryAsync();
            _savepointOpen = true;
        }
    }

    /// <summary>The command succeeded: its changes join the batch's.</summary>
    public void KeepCommand() => _batch.Add(_command);

    /// <summary>The command refused before it changed any row: its changes to counts and totals are dropped.</summary>
    public void DropCommand() => _command.Clear();

    /// <summary>The guarded command was refused or failed: its rows and its changes are undone, the rest of the batch stays.</summary>
    public async Task UndoCommandAsync()
    {
        _command.Clear();
        _taskInsert.Clear();
        await Statement("RollbackToSavepoint").ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Writes the tasks still gathered for the shared INSERT and the batch's changes to counts and totals, announces its
    /// work, and commits: one round trip for all of it, which returns once the commit is durable.
    /// </summary>
    public async Task CommitAsync()
    {
        await using var closing = new NpgsqlBatch(connection, _transaction);
        if (!_taskInsert.IsEmpty)
        {
            closing.BatchCommands.Add(_taskInsert.ToStatement());
            _taskInsert.Clear();
        }

        AddCountChanges(closing);
        _commit = new NpgsqlBatchCommand(SqlText.Query("Commit"));
        closing.BatchCommands.Add(_commit);
        await closing.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Whether <paramref name="error"/> came from the COMMIT itself (the transaction is over) rather than from a statement
    /// before it (the transaction is open, aborted, and must be rolled back).
    /// </summary>
    public bool IsCommitFailure(PostgresException error) => _commit is not null && ReferenceEquals(error.BatchCommand, _commit);

    private void AddCountChanges(NpgsqlBatch closing)
    {
        var pending = _batch.Pending.Where(p => p.Value != 0).ToArray();
        if (pending.Length > 0)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("AddToQueueCounts"))
                .With<string[]>("tenants", [.. pending.Select(p => p.Key)])
                .With<long[]>("deltas", [.. pending.Select(p => p.Value)]));
        }

        if (_batch.Counters.Count > 0)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("AddToCounters")).With("shard", shard)
                .With<string[]>("tenants", [.. _batch.Counters.Keys.Select(k => k.Tenant)])
                .With<string[]>("names", [.. _batch.Counters.Keys.Select(k => k.Name)])
                .With<long[]>("deltas", [.. _batch.Counters.Values]));
        }

        if (_batch.Work.Count > 0)
        {
            closing.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Query("AnnounceWork"))
                .With<string[]>("work", [.. _batch.Work.Select(w => w.Tenant + WorkSeparator + w.ActivityType)]));
        }
    }

    private long Locked(string tenant) => _lockedPending.TryGetValue(tenant, out var count)
        ? count
        : throw new InvalidOperationException($"The count row of tenant '{tenant}' is not locked by this batch; the write must name it.");

    private void DisposeStatements()
    {
        _statements.ForEach(c => c.Dispose());
        _statements.Clear();
    }

    public ValueTask DisposeAsync()
    {
        DisposeStatements();
        return ValueTask.CompletedTask;
    }
}
