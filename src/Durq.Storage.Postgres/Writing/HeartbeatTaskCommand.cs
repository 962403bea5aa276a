using Durq.Core.Storage;

namespace Durq.Storage.Postgres.Writing;

/// <summary>Renews a live lease and reports whether cancellation was requested.</summary>
internal sealed class HeartbeatTaskCommand(HeartbeatTaskParams request) : WriteCommand<TaskLease>
{
    protected override async Task<TaskLease> RunAsync(WriteContext context)
    {
        var command = context.Statement("HeartbeatTask")
            .With("tenant", request.Tenant).With("id", request.TaskId).With("lease_id", request.LeaseId)
            .With("now", request.Now).With("details", request.DetailsJson);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                return new TaskLease(reader.GetFieldValue<DateTimeOffset>(0), reader.GetBoolean(1));
            }
        }

        throw await LeaseChecks.RefusalAsync(context, request.Tenant, request.TaskId);
    }
}
