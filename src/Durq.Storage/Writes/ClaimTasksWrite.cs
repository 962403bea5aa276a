using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// pending → claimed for the first visible tasks in claim order, each with a fresh lease, within what each activity
/// type's settings allow now (<see cref="ClaimLimits"/>).
/// </summary>
internal sealed class ClaimTasksWrite(ClaimParams request, CancellationToken cancellationToken)
    : Write<IReadOnlyList<DurqTask>>(cancellationToken)
{
    public override bool RunsAloneWhenIdle => true;

    public override string IfUnconfirmed =>
        "Claiming again is safe: a task the lost claim may have leased goes back to pending when its lease runs out (heartbeat_timeout_seconds).";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    /// <summary>Its first statement reads its activity types (<see cref="ClaimLimits"/>), which carries the count locks.</summary>
    public override bool DefersCountLocks => true;

    /// <summary>A claim lost with the disk's cache leaves the task pending and its lease refused: at-least-once still holds.</summary>
    public override bool NeedsDurableCommit => false;

    protected override async ValueTask<IReadOnlyList<DurqTask>> RunAsync(WriteContext context)
    {
        var limits = await ClaimLimits.ReadAsync(context, request);
        foreach (var (type, at) in limits.Retries)
        {
            // Claimers of a type a rate limit or an open breaker holds back are woken when it may let one through.
            context.Announce(request.Tenant, type, at, request.Now);
        }

        if (limits.Quotas.Count == 0)
        {
            return [];
        }

        var claimed = await context.Sql.ClaimTasksAsync(request, limits.Quotas);
        if (claimed.Count > 0)
        {
            await limits.AfterClaimAsync(context, claimed, request.Now);
            context.AdjustPending(request.Tenant, -claimed.Count);
            context.AddToCounter(request.Tenant, Counters.StartedTasks, claimed.Count);
            foreach (var task in claimed)
            {
                context.TaskChanged(request.Tenant, task.Id, task.ActivityType, StoreEventKinds.Claimed);
            }
        }

        return claimed;
    }
}
