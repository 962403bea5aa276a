using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>
/// What a <see cref="WriteCommand"/> sees of the writer: prepared statements bound to the current transaction, and
/// the tenants' pending counts, which stay exact because every write of the store goes through this one writer.
/// </summary>
internal sealed class WriteContext(SqliteConnection connection) : IDisposable
{
    /// <summary>
    /// How long pending counts read from the table are carried from batch to batch. Counting is O(pending tasks) and a
    /// batch that enqueues needs the count for the cap: recounted for every batch, it halved single-task enqueue with a
    /// backlog (E1 13,870 → 7,664 tasks/s with a cap of 1,000,000). Every write keeps the counts in step, so they
    /// stay exact; reading them again now and then only bounds what a mistake in that bookkeeping could cost.
    /// </summary>
    public static readonly TimeSpan PendingCountsLifetime = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pendingByTenant = new(StringComparer.Ordinal);
    private readonly List<(string Tenant, long Delta)> _commandAdjustments = [];
    private readonly List<string> _commandCounted = [];
    private long _countsForgottenAt;
    private TaskInsertStatement? _taskInsert;
    private SqliteTransaction? _transaction;

    public SqliteConnection Connection => connection;

    /// <summary>The task insert, prepared on first use (see <see cref="TaskInsertStatement"/> for why it is not a <see cref="SqliteCommand"/>).</summary>
    public TaskInsertStatement TaskInsert => _taskInsert ??= new TaskInsertStatement(connection);

    /// <summary>Starts a batch: a fresh transaction, and the pending counts read again once they are a second old.</summary>
    public void Begin(SqliteTransaction transaction)
    {
        _transaction = transaction;
        if (Environment.TickCount64 - _countsForgottenAt >= PendingCountsLifetime.TotalMilliseconds)
        {
            ForgetPendingCounts();
        }
    }

    /// <summary>The prepared statement for <c>Sql/{name}.sql</c>, parameters cleared, in the current transaction.</summary>
    public SqliteCommand Statement(string name) => Statement(name, () => SqlText.Query(name));

    /// <summary>A prepared statement kept under <paramref name="name"/>, its SQL made once by <paramref name="sql"/>.</summary>
    public SqliteCommand Statement(string name, Func<string> sql)
    {
        if (!_statements.TryGetValue(name, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql();
            _statements[name] = command;
        }

        command.Transaction = _transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>A one-off command for SQL composed at run time (from fixed fragments only).</summary>
    public SqliteCommand AdHoc(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    public long PendingCount(string tenant)
    {
        if (!_pendingByTenant.TryGetValue(tenant, out var count))
        {
            var command = Statement("CountPending");
            command.Parameters.AddWithValue("$tenant", tenant);
            count = (long)command.ExecuteScalar()!;
            _pendingByTenant[tenant] = count;
            _commandCounted.Add(tenant);
        }

        return count;
    }

    /// <summary>Keeps a count already read in step with this batch's writes; an unread count is left to be read when needed.</summary>
    public void AdjustPending(string tenant, long delta)
    {
        if (_pendingByTenant.TryGetValue(tenant, out var count))
        {
            _pendingByTenant[tenant] = count + delta;
            _commandAdjustments.Add((tenant, delta));
        }
    }

    /// <summary>Starts a command: from here, its changes to the counts are noted, so that a rollback can take them back.</summary>
    public void BeginCommand()
    {
        _commandAdjustments.Clear();
        _commandCounted.Clear();
    }

    /// <summary>
    /// Called when the command's savepoint is rolled back: its changes to the counts are taken back, and counts it read
    /// (which may include its own undone writes) are dropped. A refused enqueue at a full queue thus costs no recount.
    /// </summary>
    public void UndoCommand()
    {
        foreach (var (tenant, delta) in _commandAdjustments)
        {
            if (_pendingByTenant.TryGetValue(tenant, out var count))
            {
                _pendingByTenant[tenant] = count - delta;
            }
        }

        _commandCounted.ForEach(tenant => _pendingByTenant.Remove(tenant));
        BeginCommand();
    }

    /// <summary>Adds to a cumulative total (<c>started_tasks</c>, <c>completed_tasks</c>, <c>failed_attempts</c>).</summary>
    public void AddToCounter(string tenant, string name, long delta)
    {
        var command = Statement("AddToCounter");
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$delta", delta);
        command.ExecuteNonQuery();
    }

    /// <summary>Called when a whole batch is rolled back: its changes to the counts are gone too.</summary>
    public void ForgetPendingCounts()
    {
        _pendingByTenant.Clear();
        _countsForgottenAt = Environment.TickCount64;
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _taskInsert?.Dispose();
    }
}
