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
    private ClaimParams _request = request;

    /// <summary>Who claims, for what.</summary>
    public ClaimParams Request => _request;

    /// <summary>A claim handed off to a batch claims at that batch's time, not at the time it began to wait.</summary>
    public void ClaimAt(DateTimeOffset now) => _request = _request with { Now = now };

    public override bool RunsAloneWhenIdle => true;

    public override string IfUnconfirmed =>
        "Claiming again is safe: a task the lost claim may have leased goes back to pending when its lease runs out (heartbeat_timeout_seconds).";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(_request.Tenant);

    /// <summary>Its first statement reads its activity types (<see cref="ClaimLimits"/>), which carries the count locks.</summary>
    public override bool DefersLocksAndInserts => true;

    /// <summary>A claim lost with the disk's cache leaves the task pending and its lease refused: at-least-once still holds.</summary>
    public override bool NeedsDurableCommit => false;

    protected override async ValueTask<IReadOnlyList<DurqTask>> RunAsync(WriteContext context)
    {
        var limits = await ClaimLimits.ReadAsync(context, _request);
        foreach (var (type, at) in limits.Retries)
        {
            // Claimers of a type a rate limit or an open breaker holds back are woken when it may let one through.
            context.Announce(_request.Tenant, type, at, _request.Now);
        }

        if (limits.Quotas.Count == 0)
        {
            return [];
        }

        var claimed = await context.Sql.ClaimTasksAsync(_request, limits.Quotas);
        if (claimed.Count > 0)
        {
            await limits.AfterClaimAsync(context, claimed, _request.Now);
            context.AdjustPending(_request.Tenant, -claimed.Count);
            context.AddToCounter(_request.Tenant, Counters.StartedTasks, claimed.Count);
            foreach (var task in claimed)
            {
                context.TaskChanged(_request.Tenant, task.Id, task.ActivityType, StoreEventKinds.Claimed);
            }
        }

        return claimed;
    }
}
