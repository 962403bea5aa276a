using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>
/// <c>Sql/InsertTask.sql</c> prepared once on the writer's connection and driven through SQLitePCL directly, the one
/// statement of the store that runs once per task of a bulk enqueue. Through <see cref="SqliteCommand"/> every execution
/// looks each parameter up by name and allocates a binder for it, which was a quarter of the writer's time in bulk
/// enqueue; here the parameter positions are looked up once and values are bound by position. It runs inside whatever
/// transaction the connection has open, as any command on it does.
/// </summary>
internal sealed class RawTaskInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public RawTaskInsert(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, SqlText.Query("InsertTask"), out _statement));
        for (var position = 1; position <= raw.sqlite3_bind_parameter_count(_statement); position++)
        {
            _positions[raw.sqlite3_bind_parameter_name(_statement, position).utf8_to_string()] = position;
        }
    }

    public void Bind(string name, string? value) => Check(value is null
        ? raw.sqlite3_bind_null(_statement, _positions[name])
        : raw.sqlite3_bind_text(_statement, _positions[name], value));

    public void Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_statement, _positions[name], value));

    /// <summary>Inserts one row with the values bound so far; they stay bound for the next row.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Throws what Microsoft.Data.Sqlite would have thrown, so callers handle constraint failures alike.</summary>
    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(
                $"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(_db));
        }
    }
}
