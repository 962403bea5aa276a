using Durq.Storage.Writing;

namespace Durq.Storage.Dialect;

/// <summary>
/// The writer's connection and the policy of its transactions: how a batch begins, how one write is guarded on its
/// own (a savepoint), how the batch's counts, totals and announcements are written, and how it commits. The batch loop
/// that drives it is <see cref="GroupCommitWriter"/>, written once.
/// </summary>
internal interface IWriteSession : IAsyncDisposable
{
    /// <summary>The SQL operations, run in the open transaction.</summary>
    IWriteOperations Operations { get; }

    /// <summary>True once the connection is lost: the writer drops this session and connects again after a backoff.</summary>
    bool IsBroken { get; }

    /// <summary>
    /// Starts a transaction for a batch. Unless <paramref name="durable"/>, its commit may return before it reaches the
    /// disk (<see cref="Write.NeedsDurableCommit"/>).
    /// </summary>
    ValueTask BeginAsync(bool durable);

    /// <summary>
    /// Called before any write of the batch runs, with every tenant whose pending count the batch may read or change.
    /// A dialect shared by several nodes locks their count rows, in one fixed order, before any other statement of the
    /// batch: here, or (to save a round trip) with the first statement that follows: <see cref="LockDeferredCountsAsync"/>
    /// or the batch's closing round trip.
    /// </summary>
    ValueTask LockCountsAsync(IReadOnlyCollection<string> tenants);

    /// <summary>
    /// Called before a write runs that may send a statement of its own other than one that carries the locks
    /// (<see cref="Write.DefersLocksAndInserts"/>): a dialect that deferred the count locks takes them now.
    /// </summary>
    ValueTask LockDeferredCountsAsync();

    /// <summary>
    /// The tenant's pending tasks as last committed. <paramref name="uncommittedDelta"/> is what this transaction has
    /// changed so far, for a dialect that counts the rows it can see (which include those changes).
    /// </summary>
    ValueTask<long> CommittedPendingCountAsync(string tenant, long uncommittedDelta);

    /// <summary>Opens a savepoint for the next write (releasing the previous one), so that write can be undone alone.</summary>
    ValueTask SavepointAsync();

    /// <summary>Undoes everything since the last savepoint.</summary>
    ValueTask RollbackToSavepointAsync();

    /// <summary>Writes the task inserts the dialect may have gathered (<see cref="IWriteOperations.InsertTasksAsync"/>).</summary>
    ValueTask FlushTaskInsertsAsync();

    /// <summary>Writes the batch's pending counts, totals and announcements, and commits; returns once it is durable (if it must be).</summary>
    ValueTask CommitAsync(BatchChanges changes);

    /// <summary>Whether <paramref name="error"/> came from the commit itself rather than a statement before it.</summary>
    bool IsCommitFailure(Exception error);

    ValueTask RollbackAsync();

    /// <summary>The batch is durable: the dialect may carry what it knows (counts it read) to the next batch.</summary>
    void Committed(BatchChanges changes);

    /// <summary>Whether the connection survives <paramref name="error"/>, so the transaction can be rolled back and run again.</summary>
    bool IsStatementFailure(Exception error);

    /// <summary>What the caller of a write that failed with <paramref name="error"/> (not a refusal) is told.</summary>
    Exception ForCaller(Exception error);
}
