using Durq.Storage.Dialect;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>The writer connection's prepared statements, each made once and bound to the open transaction.</summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private TaskInsertStatement? _taskInsert;
    private SqliteOperations? _operations;

    public SqliteTransaction? Transaction { get; set; }

    public IWriteOperations Operations => _operations ??= new SqliteOperations(this);

    /// <summary>The task insert, prepared on first use (see <see cref="TaskInsertStatement"/> for why it is not a <see cref="SqliteCommand"/>).</summary>
    public TaskInsertStatement TaskInsert => _taskInsert ??= new TaskInsertStatement(connection);

    /// <summary>The prepared statement for <c>Sql/{name}.sql</c>, parameters cleared, in the current transaction.</summary>
    public SqliteCommand Statement(string name) => Statement(name, () => SqlText.Query(name));

    /// <summary>A prepared statement kept under <paramref name="name"/>, its SQL made once by <paramref name="sql"/>.</summary>
    public SqliteCommand Statement(string name, Func<string> sql)
    {
        if (!_prepared.TryGetValue(name, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql();
            _prepared[name] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _taskInsert?.Dispose();
    }
}
