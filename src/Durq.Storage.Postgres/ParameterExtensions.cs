using Durq.Core.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Durq.Storage.Postgres;

/// <summary>
/// Parameter binding in the forms the schema stores. Times are cut to whole milliseconds (the precision both stores
/// keep) and given offset 0, which Npgsql requires for <c>timestamptz</c>; nulls are typed so the server never guesses.
/// </summary>
internal static class ParameterExtensions
{
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, string name, T value)
        where T : notnull
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    /// <summary>
    /// Prepares a writer's statement that comes back with most batches, once its parameters are bound: the end of the
    /// binding chain (PostgresDialect.WithoutAutoPrepare says why this is explicit).
    /// </summary>
    public static async Task<NpgsqlCommand> PreparedAsync(this NpgsqlCommand command)
    {
        await command.PrepareAsync();
        return command;
    }

    /// <summary>The same for a statement of an <see cref="NpgsqlBatch"/>, which runs with others in one round trip.</summary>
    public static NpgsqlBatchCommand With<T>(this NpgsqlBatchCommand command, string name, T value)
        where T : notnull
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, IEnumerable<DateTimeOffset> values) =>
        command.With<DateTimeOffset[]>(name, [.. values.Select(Stored)]);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value) =>
        command.WithNullable(name, value, NpgsqlDbType.Text);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, Guid? value) =>
        command.WithNullable(name, value, NpgsqlDbType.Uuid);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, DateTimeOffset value) =>
        command.With<DateTimeOffset>(name, Stored(value));

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.WithNullable(name, value is { } time ? Stored(time) : null, NpgsqlDbType.TimestampTz);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, IEnumerable<DateTimeOffset> values) =>
        command.With<DateTimeOffset[]>(name, [.. values.Select(Stored)]);

    /// <summary>Whole milliseconds at offset 0.</summary>
    public static DateTimeOffset Stored(DateTimeOffset time) => Rfc3339.ToStoredPrecision(time);

    private static NpgsqlCommand WithNullable(this NpgsqlCommand command, string name, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
