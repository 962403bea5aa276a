using Durq.Core.Storage;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>Renews a live lease and reports whether cancellation was requested.</summary>
internal sealed class HeartbeatTaskCommand(HeartbeatTaskParams request) : WriteCommand<TaskLease>
{
    protected override TaskLease Run(WriteContext context)
    {
        var command = context.Statement("HeartbeatTask")
            .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$lease_id", request.LeaseId)
            .With("$now", request.Now).With("$details", request.DetailsJson);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TaskLease(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt64(1) != 0)
            : throw LeaseChecks.Refusal(context, request.Tenant, request.TaskId);
    }
}
