using Durq.Storage.Dialect;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>
/// SQLite's side of the shared column mappings (<see cref="ActivityTypeColumns"/>, <see cref="ScheduleColumns"/>): binding
/// a mapping's columns as parameters, and reading a row's columns by name.
/// </summary>
internal static class ColumnRows
{
    /// <summary>Binds each column's value as the parameter of its name.</summary>
    public static SqliteCommand WithColumns(this SqliteCommand command, IReadOnlyList<ColumnValue> columns)
    {
        foreach (var column in columns)
        {
            command.With("$" + column.Name, column.Value);
        }

        return command;
    }

    /// <summary>The shared column mappings' view of a SQLite row.</summary>
    internal sealed class Reader(SqliteDataReader reader) : IColumnReader
    {
        public string? Text(string column) => Null(column) ? null : reader.GetString(reader.GetOrdinal(column));

        public long? Integer(string column) => Null(column) ? null : reader.GetInt64(reader.GetOrdinal(column));

        public double? Real(string column) => Null(column) ? null : reader.GetDouble(reader.GetOrdinal(column));

        public bool Flag(string column) => Integer(column) is { } value && value != 0;

        public DateTimeOffset? Time(string column) => Integer(column) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

        public Guid? Id(string column) => Text(column) is { } text ? Guid.Parse(text) : null;

        private bool Null(string column) => reader.IsDBNull(reader.GetOrdinal(column));
    }
}
