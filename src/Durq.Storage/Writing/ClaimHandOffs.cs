using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writes;

namespace Durq.Storage.Writing;

/// <summary>
/// The claims waiting on this node for work (<see cref="ITaskStore.WaitForHandOff"/>), longest-waiting first for each
/// (tenant, activity type). After a batch's writes have run, the writer hands each activity type the batch made
/// claimable now to the claim that has waited longest for it, and runs that claim in the same transaction: the task's
/// commit is its claim's commit, and the worker's answer needs no wake-up and no second write. One claim per type and
/// batch; the commit's wake-ups still reach every other claim waiting, which looks for itself as before. A claim of
/// several types waits in the line of each, so finding one and taking it back cost the same however many others wait.
/// </summary>
internal sealed class ClaimHandOffs
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Tenant, string ActivityType), LinkedList<HandOff>> _lines = [];
    private volatile int _waitingCount;

    /// <summary>Whether any claim waits, read without the lock: the writer's batches look no further when none does.</summary>
    public bool AnyWaiting => _waitingCount > 0;

    public IClaimHandOff Add(ClaimParams request, Func<DateTimeOffset> clock, CancellationToken cancellationToken)
    {
        var handOff = new HandOff(this, new ClaimTasksWrite(request, cancellationToken), clock);
        lock (_lock)
        {
            foreach (var type in request.ActivityTypes.Distinct(StringComparer.Ordinal))
            {
                var key = (request.Tenant, type);
                if (!_lines.TryGetValue(key, out var line))
                {
                    line = new LinkedList<HandOff>();
                    _lines[key] = line;
                }

                handOff.Places.Add((key, line.AddLast(handOff)));
            }

            _waitingCount++;
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
            foreach (var work in workDueNow)
            {
                if (counts(work.Tenant) && _lines.TryGetValue(work, out var line))
                {
                    var handOff = line.First!.Value;
                    Remove(handOff);
                    handOff.JoinUnlessGivenUp(batch);
                }
            }
        }
    }

    private bool Withdraw(HandOff handOff)
    {
        lock (_lock)
        {
            if (!handOff.Waiting)
            {
                return false;
            }

            Remove(handOff);
            return true;
        }
    }

    /// <summary>Takes the claim out of every line it waits in (under the lock); a line left empty goes.</summary>
    private void Remove(HandOff handOff)
    {
        foreach (var (key, place) in handOff.Places)
        {
            var line = place.List!;
            line.Remove(place);
            if (line.Count == 0)
            {
                _lines.Remove(key);
            }
        }

        handOff.Places.Clear();
        handOff.Waiting = false;
        _waitingCount--;
    }

    private sealed class HandOff(ClaimHandOffs owner, ClaimTasksWrite write, Func<DateTimeOffset> clock) : IClaimHandOff
    {
        /// <summary>Its place in the line of each of its activity types; none once taken or taken back.</summary>
        public List<((string Tenant, string ActivityType) Line, LinkedListNode<HandOff> Place)> Places { get; } = [];

        /// <summary>Neither taken by a batch nor taken back yet.</summary>
        public bool Waiting { get; set; } = true;

        public Task<IReadOnlyList<DurqTask>> Claimed => write.Answer;

        public bool TryWithdraw() => owner.Withdraw(this);

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
