using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>pending → claimed for the first visible tasks in claim order, each with a fresh lease.</summary>
internal sealed class ClaimTasksCommand(ClaimParams request) : WriteCommand<IReadOnlyList<DurqTask>>
{
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async Task<IReadOnlyList<DurqTask>> RunAsync(WriteContext context)
    {
        var claimed = await TaskRows.ReadAllAsync(context.Statement("ClaimTasks")
            .With("tenant", request.Tenant).With("worker_id", request.WorkerId).With("now", request.Now)
            .With<string[]>("activity_types", [.. request.ActivityTypes]).With("max_tasks", request.MaxTasks));
        if (claimed.Count > 0)
        {
            context.AdjustPending(request.Tenant, -claimed.Count);
            context.AddToCounter(request.Tenant, Counters.StartedTasks, claimed.Count);
        }

        return claimed;
    }
}
