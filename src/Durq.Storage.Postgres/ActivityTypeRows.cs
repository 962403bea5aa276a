using Durq.Core.FlowControl;
using Durq.Storage.Dialect;
using Npgsql;
using NpgsqlTypes;

namespace Durq.Storage.Postgres;

/// <summary>Reads and writes <c>durq_activity_types</c> rows through the shared <see cref="ActivityTypeColumns"/>.</summary>
internal static class ActivityTypeRows
{
    public static async Task<List<ActivityTypeState>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken = default)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new ColumnReader(reader);
        var types = new List<ActivityTypeState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            types.Add(ActivityTypeColumns.Read(row));
        }

        return types;
    }

    public static NpgsqlCommand WithColumns(this NpgsqlCommand command, ActivityTypeState type) =>
        command.WithColumns(ActivityTypeColumns.Of(type));

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
    internal sealed class ColumnReader(NpgsqlDataReader reader) : IColumnReader
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
