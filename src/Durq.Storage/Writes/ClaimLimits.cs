using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Dialect;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// A claim's activity types with what each may take now (<see cref="ClaimQuota"/>), read in the claim's own transaction:
/// on every dialect that is what makes the limits exact (SQLite has one writer; on PostgreSQL the claim holds the
/// tenant's count row lock, so claims of the tenant on all nodes run one after another and each sees the others').
/// </summary>
internal sealed class ClaimLimits
{
    private readonly IReadOnlyList<ActivityTypeState> _limited;

    private ClaimLimits(IReadOnlyList<TypeQuota> quotas, IReadOnlyList<ActivityTypeState> limited, IReadOnlyList<(string Type, DateTimeOffset At)> retries)
    {
        Quotas = quotas;
        _limited = limited;
        Retries = retries;
    }

    /// <summary>The types that may claim anything, each with its quota.</summary>
    public IReadOnlyList<TypeQuota> Quotas { get; }

    /// <summary>Types a limit holds back for now, and when it may let a claim through again.</summary>
    public IReadOnlyList<(string Type, DateTimeOffset At)> Retries { get; }

    public static async ValueTask<ClaimLimits> ReadAsync(WriteContext context, ClaimParams request)
    {
        var types = request.ActivityTypes.Distinct(StringComparer.Ordinal).ToList();
        var limited = (await context.Sql.GetActivityTypesAsync(request.Tenant, types)).Where(t => t.LimitsClaims).ToList();
        if (limited.Count == 0)
        {
            // The common case: nothing set for any of the types, so nothing more to read.
            return new ClaimLimits([.. types.Select(type => new TypeQuota(type, request.MaxTasks))], [], []);
        }

        var concurrencyLimited = limited.Where(t => t.Settings.MaxConcurrency is not null).Select(t => t.ActivityType).ToList();
        var claimed = concurrencyLimited.Count == 0
            ? new Dictionary<string, int>()
            : await context.Sql.CountClaimedAsync(request.Tenant, concurrencyLimited);
        var quotas = new List<TypeQuota>(types.Count);
        var retries = new List<(string, DateTimeOffset)>();
        foreach (var type in types)
        {
            var state = limited.Find(t => t.ActivityType == type);
            var quota = state is null
                ? new ClaimQuota(null, null)
                : ClaimQuota.For(state, claimed.GetValueOrDefault(type), request.Now, await ProbeRunningAsync(context, state));
            var maxTasks = Math.Min(request.MaxTasks, quota.MaxTasks ?? request.MaxTasks);
            if (maxTasks > 0)
            {
                quotas.Add(new TypeQuota(type, maxTasks));
            }
            else if (quota.RetryAt is { } at)
            {
                retries.Add((type, at));
            }
        }

        return new ClaimLimits(quotas, limited, retries);
    }

    /// <summary>Spends the limited types' tokens and notes a breaker's probe, for what the claim took.</summary>
    public async ValueTask AfterClaimAsync(WriteContext context, IReadOnlyList<DurqTask> claimed, DateTimeOffset now)
    {
        foreach (var state in _limited)
        {
            var taken = claimed.Where(t => t.ActivityType == state.ActivityType).Select(t => t.Id).ToList();
            var after = ClaimQuota.AfterClaim(state, taken, now);
            if (after != state)
            {
                await context.Sql.SaveActivityTypeAsync(after);
            }
        }
    }

    private static async ValueTask<bool> ProbeRunningAsync(WriteContext context, ActivityTypeState state) =>
        state.Circuit.ProbeToCheck is { } probe && await context.Sql.GetTaskAsync(state.Tenant, probe) is { Status: DurqTaskStatus.Claimed };
}
