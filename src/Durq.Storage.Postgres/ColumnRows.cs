using Durq.Storage.Dialect;
using Npgsql;
using NpgsqlTypes;

namespace Durq.Storage.Postgres;

/// <summary>
/// PostgreSQL's side of the shared column mappings (<see cref="ActivityTypeColumns"/>, <see cref="ScheduleColumns"/>): binding
/// a mapping's columns as parameters, and reading a row's columns by name.
/// </summary>
internal static class ColumnRows
{
    /// <summary>Binds each column's value as the parameter of its name, typed by its CLR type (so a NULL is typed too).</summary>
    public static NpgsqlCommand WithColumns(this NpgsqlCommand command, IReadOnlyList<ColumnValue> columns)
    {
        foreach (var column in columns)
        {
            var value = column.Value is DateTimeOffset time ? ParameterExtensions.Stored(time) : column.Value;
            command.Parameters.Add(new NpgsqlParameter(column.Name, TypeOf(column.Type)) { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private static NpgsqlDbType TypeOf(Type type) =>
        type == typeof(string) ? NpgsqlDbType.Text
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(double) ? NpgsqlDbType.Double
        : type == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz
        : type == typeof(Guid) ? NpgsqlDbType.Uuid
        : throw new ArgumentOutOfRangeException(nameof(type), type, "No shared column mapping has a column of this type.");

    /// <summary>The shared column mappings' view of a PostgreSQL row.</summary>
    internal sealed class Reader(NpgsqlDataReader reader) : IColumnReader
    {
        public string? Text(string column) => Null(column) ? null : reader.GetString(reader.GetOrdinal(column));

        public long? Integer(string column) => Null(column) ? null : reader.GetInt32(reader.GetOrdinal(column));

        public double? Real(string column) => Null(column) ? null : reader.GetDouble(reader.GetOrdinal(column));

        public bool Flag(string column) => !Null(column) && reader.GetBoolean(reader.GetOrdinal(column));

        public DateTimeOffset? Time(string column) => TaskRows.Time(reader, column);

        public Guid? Id(string column) => Null(column) ? null : reader.GetGuid(reader.GetOrdinal(column));

        private bool Null(string column) => reader.IsDBNull(reader.GetOrdinal(column));
    }
}
