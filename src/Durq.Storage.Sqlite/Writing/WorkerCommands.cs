using System.Text.Json;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>Registers a worker or refreshes its registration.</summary>
internal sealed class RegisterWorkerCommand(RegisterWorkerParams request) : WriteCommand<Worker>
{
    protected override Worker Run(WriteContext context) => WorkerRows.ReadAll(context.Statement("UpsertWorker")
        .With("$tenant", request.Tenant).With("$id", request.WorkerId)
        .With("$activity_types", JsonSerializer.Serialize([.. request.ActivityTypes], WorkerJson.Default.StringArray))
        .With("$max_concurrency", request.MaxConcurrency).With("$worker_group", request.WorkerGroup)
        .With("$hostname", request.Hostname).With("$version", request.Version).With("$now", request.Now))[0];
}

/// <summary>Records a worker's heartbeat and load.</summary>
internal sealed class HeartbeatWorkerCommand(WorkerHeartbeatParams request) : WriteCommand<Worker>
{
    protected override Worker Run(WriteContext context) => WorkerRows.ReadAll(context.Statement("HeartbeatWorker")
            .With("$tenant", request.Tenant).With("$id", request.WorkerId)
            .With("$current_load", request.CurrentLoad).With("$now", request.Now))
        .SingleOrDefault() ?? throw new NotFoundException("worker", request.WorkerId);
}

/// <summary>Sets or clears a worker's draining flag.</summary>
internal sealed class SetWorkerDrainingCommand(SetWorkerDrainingParams request) : WriteCommand<Worker>
{
    protected override Worker Run(WriteContext context) => WorkerRows.ReadAll(context.Statement("SetWorkerDraining")
            .With("$tenant", request.Tenant).With("$id", request.WorkerId).With("$draining", request.Draining))
        .SingleOrDefault() ?? throw new NotFoundException("worker", request.WorkerId);
}

/// <summary>Removes a worker and hands the tasks it holds back to the queue at once.</summary>
internal sealed class DeregisterWorkerCommand(DeregisterWorkerParams request) : WriteCommand<IReadOnlyList<ReclaimedTask>>
{
    protected override IReadOnlyList<ReclaimedTask> Run(WriteContext context)
    {
        var deleted = context.Statement("DeleteWorker").With("$tenant", request.Tenant).With("$id", request.WorkerId).ExecuteNonQuery();
        var released = new List<ReclaimedTask>();
        var command = context.Statement("ReleaseWorkerTasks")
            .With("$tenant", request.Tenant).With("$worker_id", request.WorkerId).With("$now", request.Now);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                released.Add(new ReclaimedTask(
                    request.Tenant, Guid.Parse(reader.GetString(0)), reader.GetString(1), DurqTaskStatusNames.Parse(reader.GetString(2)), request.Now));
            }
        }

        if (deleted == 0 && released.Count == 0)
        {
            throw new NotFoundException("worker", request.WorkerId);
        }

        context.AdjustPending(request.Tenant, released.Count(t => t.Status == DurqTaskStatus.Pending));
        return released;
    }
}
