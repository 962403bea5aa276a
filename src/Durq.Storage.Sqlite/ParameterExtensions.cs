using System.Text.Json;
using Durq.Core.Tasks;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>Parameter binding in the forms the schema stores: ids as text, times as Unix milliseconds, null as NULL.</summary>
internal static class ParameterExtensions
{
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value switch
        {
            null => DBNull.Value,
            Guid id => TaskIds.Format(id),
            DateTimeOffset time => time.ToUnixTimeMilliseconds(),
            bool flag => flag ? 1 : 0,
            _ => value,
        });
        return command;
    }

    /// <summary>Binds a list as a JSON array of strings, the form <c>json_each</c> reads (and a worker's activity types are kept in).</summary>
    public static SqliteCommand WithJsonArray(this SqliteCommand command, string name, IEnumerable<string> values) =>
        command.With(name, JsonSerializer.Serialize(values.ToArray(), StringArrayJson.Default.StringArray));

    /// <summary>Ids as a JSON array of their text form, for <c>json_each</c>.</summary>
    public static SqliteCommand WithJsonArray(this SqliteCommand command, string name, IEnumerable<Guid> ids) =>
        command.WithJsonArray(name, ids.Select(TaskIds.Format));

    public static List<DurqTask> ReadTasks(this SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var tasks = new List<DurqTask>();
        while (reader.Read())
        {
            tasks.Add(TaskRows.Read(reader));
        }

        return tasks;
    }
}
