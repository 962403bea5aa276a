using Durq.Core.Scheduling;
using Durq.Storage.Dialect;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>Reads <c>durq_schedules</c> and <c>durq_schedule_executions</c> rows through the shared <see cref="ScheduleColumns"/>.</summary>
internal static class ScheduleRows
{
    public static async Task<List<Schedule>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken = default)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new ColumnRows.Reader(reader);
        var schedules = new List<Schedule>();
        while (await reader.ReadAsync(cancellationToken))
        {
            schedules.Add(ScheduleColumns.Read(row));
        }

        return schedules;
    }

    public static async Task<List<ScheduleExecution>> ReadExecutionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new ColumnRows.Reader(reader);
        var executions = new List<ScheduleExecution>();
        while (await reader.ReadAsync(cancellationToken))
        {
            executions.Add(ScheduleColumns.ReadExecution(row));
        }

        return executions;
    }
}
