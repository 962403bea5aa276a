using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Storage.Postgres.Writing;

/// <summary>Registers a worker or refreshes its registration.</summary>
internal sealed class RegisterWorkerCommand(RegisterWorkerParams request) : WriteCommand<Worker>
{
    protected override async Task<Worker> RunAsync(WriteContext context) => (await WorkerRows.ReadAllAsync(context.Statement("UpsertWorker")
        .With("tenant", request.Tenant).With("id", request.WorkerId)
        .With<string[]>("activity_types", [.. request.ActivityTypes])
        .With("max_concurrency", request.MaxConcurrency).With("worker_group", request.WorkerGroup)
        .With("hostname", request.Hostname).With("version", request.Version).With("now", request.Now)))[0];
}

/// <summary>Records a worker's heartbeat and load.</summary>
internal sealed class HeartbeatWorkerCommand(WorkerHeartbeatParams request) : WriteCommand<Worker>
{
    protected override async Task<Worker> RunAsync(WriteContext context) => (await WorkerRows.ReadAllAsync(context.Statement("HeartbeatWorker")
            .With("tenant", request.Tenant).With("id", request.WorkerId)
            .With("current_load", request.CurrentLoad).With("now", request.Now)))
        .SingleOrDefault() ?? throw new NotFoundException("worker", request.WorkerId);
}

/// <summary>Sets or clears a worker's draining flag.</summary>
internal sealed class SetWorkerDrainingCommand(SetWorkerDrainingParams request) : WriteCommand<Worker>
{
    protected override async Task<Worker> RunAsync(WriteContext context) => (await WorkerRows.ReadAllAsync(context.Statement("SetWorkerDraining")
            .With("tenant", request.Tenant).With("id", request.WorkerId).With("draining", request.Draining)))
        .SingleOrDefault() ?? throw new NotFoundException("worker", request.WorkerId);
}

/// <summary>Removes a worker and hands the tasks it holds back to the queue at once.</summary>
internal sealed class DeregisterWorkerCommand(DeregisterWorkerParams request) : WriteCommand<IReadOnlyList<ReclaimedTask>>
{
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async Task<IReadOnlyList<ReclaimedTask>> RunAsync(WriteContext context)
    {
        var deleted = await context.Statement("DeleteWorker").With("tenant", request.Tenant).With("id", request.WorkerId).ExecuteNonQueryAsync();
        var released = await ReleaseTasksAsync(context);
        if (deleted == 0 && released.Count == 0)
        {
            throw new NotFoundException("worker", request.WorkerId);
        }

        foreach (var task in released.Where(t => t.Status == DurqTaskStatus.Pending))
        {
            context.AdjustPending(request.Tenant, 1);
            context.Announce(request.Tenant, task.ActivityType);
        }

        return released;
    }

    private async Task<List<ReclaimedTask>> ReleaseTasksAsync(WriteContext context)
    {
        var command = context.Statement("ReleaseWorkerTasks")
            .With("tenant", request.Tenant).With("worker_id", request.WorkerId).With("now", request.Now);
        var released = new List<ReclaimedTask>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            released.Add(new ReclaimedTask(
                request.Tenant, reader.GetGuid(0), reader.GetString(1), DurqTaskStatusNames.Parse(reader.GetString(2)),
                ParameterExtensions.Stored(request.Now)));
        }

        return released;
    }
}
