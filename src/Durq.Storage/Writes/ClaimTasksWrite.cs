using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>pending → claimed for the first visible tasks in claim order, each with a fresh lease.</summary>
internal sealed class ClaimTasksWrite(ClaimParams request, CancellationToken cancellationToken)
    : Write<IReadOnlyList<DurqTask>>(cancellationToken)
{
    public override string IfUnconfirmed =>
        "Claiming again is safe: a task the lost claim may have leased goes back to pending when its lease runs out (heartbeat_timeout_seconds).";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<IReadOnlyList<DurqTask>> RunAsync(WriteContext context)
    {
        var claimed = await context.Sql.ClaimTasksAsync(request);
        if (claimed.Count > 0)
        {
            context.AdjustPending(request.Tenant, -claimed.Count);
            context.AddToCounter(request.Tenant, Counters.StartedTasks, claimed.Count);
        }

        return claimed;
    }
}
