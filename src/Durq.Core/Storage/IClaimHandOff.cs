using Durq.Core.Tasks;

namespace Durq.Core.Storage;

/// <summary>
/// A claim left waiting in the store (<see cref="ITaskStore.WaitForHandOff"/>): the first batch of this node that makes
/// work of one of its activity types claimable now runs the claim in its own transaction, so the task's commit is the
/// claim's too and the worker hears of it with no second write.
/// </summary>
internal interface IClaimHandOff
{
    /// <summary>What the batch that took the claim leased to it, once that batch has committed (possibly nothing).</summary>
    Task<IReadOnlyList<DurqTask>> Claimed { get; }

    /// <summary>Takes the claim back unless a batch has already taken it; true when it was taken back (it will never run).</summary>
    bool TryWithdraw();
}
