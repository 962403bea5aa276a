using Durq.Core.FlowControl;
using Durq.Storage.Dialect;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>Reads and writes <c>durq_activity_types</c> rows through the shared <see cref="ActivityTypeColumns"/>.</summary>
internal static class ActivityTypeRows
{
    public static async Task<List<ActivityTypeState>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken = default)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAllAsync(reader, cancellationToken);
    }

    /// <summary>The rows of the reader's current result.</summary>
    public static async Task<List<ActivityTypeState>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken cancellationToken = default)
    {
        var row = new ColumnRows.Reader(reader);
        var types = new List<ActivityTypeState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            types.Add(ActivityTypeColumns.Read(row));
        }

        return types;
    }

    public static NpgsqlCommand WithColumns(this NpgsqlCommand command, ActivityTypeState type) =>
        command.WithColumns(ActivityTypeColumns.Of(type));
}
