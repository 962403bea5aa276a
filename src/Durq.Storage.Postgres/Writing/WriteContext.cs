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
    private NpgsqlTransaction? _transaction;
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

    /// <summary>Opens the savepoint of the next command (releasing the previous one in the same round trip).</summary>
    public async Task BeginCommandAsync()
    {
        _command.Clear();
        await Statement(_savepointOpen ? "NextSavepoint" : "FirstSavepoint").ExecuteNonQueryAsync();
        _savepointOpen = true;
    }

    /// <summary>The command succeeded: its changes join the batch's.</summary>
    public void KeepCommand() => _batch.Add(_command);

    /// <summary>The command was refused or failed: its rows and its changes are undone, the rest of the batch stays.</summary>
    public async Task UndoCommandAsync()
    {
        _command.Clear();
        await Statement("RollbackToSavepoint").ExecuteNonQueryAsync();
    }

    /// <summary>Writes the batch's changes to counts and totals and announces its work; the caller commits next.</summary>
    public async Task FlushAsync()
    {
        var pending = _batch.Pending.Where(p => p.Value != 0).ToArray();
        if (pending.Length > 0)
        {
            await Statement("AddToQueueCounts")
                .With<string[]>("tenants", [.. pending.Select(p => p.Key)])
                .With<long[]>("deltas", [.. pending.Select(p => p.Value)])
                .ExecuteNonQueryAsync();
        }

        if (_batch.Counters.Count > 0)
        {
            await Statement("AddToCounters").With("shard", shard)
                .With<string[]>("tenants", [.. _batch.Counters.Keys.Select(k => k.Tenant)])
                .With<string[]>("names", [.. _batch.Counters.Keys.Select(k => k.Name)])
                .With<long[]>("deltas", [.. _batch.Counters.Values])
                .ExecuteNonQueryAsync();
        }

        if (_batch.Work.Count > 0)
        {
            await Statement("AnnounceWork")
                .With<string[]>("work", [.. _batch.Work.Select(w => w.Tenant + WorkSeparator + w.ActivityType)])
                .ExecuteNonQueryAsync();
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
