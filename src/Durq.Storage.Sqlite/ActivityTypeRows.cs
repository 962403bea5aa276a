using Durq.Core.FlowControl;
using Durq.Storage.Dialect;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>Reads and writes <c>durq_activity_types</c> rows through the shared <see cref="ActivityTypeColumns"/>.</summary>
internal static class ActivityTypeRows
{
    public static List<ActivityTypeState> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var row = new ColumnRows.Reader(reader);
        var types = new List<ActivityTypeState>();
        while (reader.Read())
        {
            types.Add(ActivityTypeColumns.Read(row));
        }

        return types;
    }

    public static SqliteCommand WithColumns(this SqliteCommand command, ActivityTypeState type) =>
        command.WithColumns(ActivityTypeColumns.Of(type));
}
