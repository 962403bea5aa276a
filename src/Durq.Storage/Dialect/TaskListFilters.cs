using System.Text;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Dialect;

/// <summary>
/// The conditions a task list adds to its dialect's <c>ListTasks.sql</c> (at <c>/*filters*/</c>): composed from fixed
/// fragments only, each value bound as a parameter, so a filter never becomes SQL text.
/// </summary>
internal static class TaskListFilters
{
    public const string Placeholder = "/*filters*/";

    /// <summary>The list's SQL with its filters; <paramref name="bind"/> binds each parameter by its bare name.</summary>
    /// <param name="marker">The dialect's parameter marker: <c>$</c> for SQLite, <c>@</c> for PostgreSQL.</param>
    public static string Apply(string listSql, ListTasksParams request, char marker, Action<string, object> bind)
    {
        ArgumentNullException.ThrowIfNull(listSql);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bind);
        var filters = new StringBuilder();
        void Add(string column, string comparison, string parameter, object value)
        {
            filters.Append(" AND ").Append(column).Append(comparison).Append(marker).Append(parameter);
            bind(parameter, value);
        }

        if (request.Status is { } status)
        {
            Add("status", " = ", "status", status.ToWire());
        }

        if (request.ActivityType is { } activityType)
        {
            Add("activity_type", " = ", "activity_type", activityType);
        }

        if (request.Cursor is { } cursor)
        {
            Add("id", " < ", "cursor", cursor);
        }

        return listSql.Replace(Placeholder, filters.ToString(), StringComparison.Ordinal);
    }
}
