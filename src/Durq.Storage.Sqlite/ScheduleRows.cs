using Durq.Core.Scheduling;
using Durq.Storage.Dialect;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>Reads <c>durq_schedules</c> and <c>durq_schedule_executions</c> rows through the shared <see cref="ScheduleColumns"/>.</summary>
internal static class ScheduleRows
{
    public static List<Schedule> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var row = new ColumnRows.Reader(reader);
        var schedules = new List<Schedule>();
        while (reader.Read())
        {
            schedules.Add(ScheduleColumns.Read(row));
        }

        return schedules;
    }

    public static List<ScheduleExecution> ReadExecutions(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var row = new ColumnRows.Reader(reader);
        var executions = new List<ScheduleExecution>();
        while (reader.Read())
        {
            executions.Add(ScheduleColumns.ReadExecution(row));
        }

        return executions;
    }
}
