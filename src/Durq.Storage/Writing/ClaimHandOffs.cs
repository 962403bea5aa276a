using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writes;

namespace Durq.Storage.Writing;

/// <summary>
/// The claims waiting on this node for work (<see cref="ITaskStore.WaitForHandOff"/>), longest-waiting first. After a
/// batch's writes have run, the writer hands each activity type the batch made claimable now to the claim that has
/// waited longest for it, and runs that claim in the same transaction: the task's commit is its claim's commit, and the
/// worker's answer needs no wake-up and no second write. One claim per type and batch; the commit's wake-ups still
/// reach every other claim waiting, which looks for itself as before.
/// </summary>
internal sealed class ClaimHandOffs
{
    private readonly Lock _lock = new();
    private readonly List<HandOff> _waiting = [];
    private volatile int _count;

    /// <summary>Whether any claim waits, read without the lock: the writer's batches look no further when none does.</summary>
    public bool AnyWaiting => _count > 0;

    public IClaimHandOff Add(ClaimParams request, Func<DateTimeOffset> clock, CancellationToken cancellationToken)
    {
        var handOff = new HandOff(this, new ClaimTasksWrite(request, cancellationToken), clock);
        lock (_lock)
        {
            _waiting.Add(handOff);
            _count = _waiting.Count;
        }

        return handOff;
    }

    /// <summary>
    /// Adds to <paramref name="batch"/> the claim that has waited longest for each (tenant, activity type) of
    /// <paramref name="workDueNow"/>, among tenants the batch counts (<paramref name="counts"/>: a claim changes its
    /// tenant's pending count, which only a batch that declared the tenant may), each stamped with the time now.
    /// </summary>
    public void TakeInto(List<Write> batch, IEnumerable<(string Tenant, string ActivityType)> workDueNow, Func<string, bool> counts)
    {
        lock (_lock)
        {
            foreach (var (tenant, type) in workDueNow)
            {
                var index = counts(tenant) ? _waiting.FindIndex(h => h.Wants(tenant, type)) : -1;
                if (index >= 0)
                {
                    var handOff = _waiting[index];
                    _waiting.RemoveAt(index);
                    handOff.JoinUnlessGivenUp(batch);
                }
            }

            _count = _waiting.Count;
        }
    }

    private bool Withdraw(HandOff handOff)
    {
        lock (_lock)
        {
            var withdrawn = _waiting.Remove(handOff);
            _count = _waiting.Count;
            return withdrawn;
        }
    }

    private sealed class HandOff(ClaimHandOffs owner, ClaimTasksWrite write, Func<DateTimeOffset> clock) : IClaimHandOff
    {
        public Task<IReadOnlyList<DurqTask>> Claimed => write.Answer;

        public bool TryWithdraw() => owner.Withdraw(this);

        public bool Wants(string tenant, string activityType) =>
            write.Request.Tenant == tenant && write.Request.ActivityTypes.Contains(activityType, StringComparer.Ordinal);

        /// <summary>Joins the batch at the time now; a claim whose caller has gone is answered at once instead.</summary>
        public void JoinUnlessGivenUp(List<Write> batch)
        {
            if (write.CancellationToken.IsCancellationRequested)
            {
                write.Fail(new OperationCanceledException(write.CancellationToken));
                return;
            }

            write.ClaimAt(clock());
            batch.Add(write);
        }
    }
}
