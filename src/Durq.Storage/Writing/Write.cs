using Durq.Core.Errors;

namespace Durq.Storage.Writing;

/// <summary>
/// One caller's write, run by the single writer inside a shared transaction. Its answer (a result or a refusal) is
/// released only after that transaction has committed, so a caller never hears "done" for a write that is not durable,
/// and never hears "refused" for a batch that then failed. A write refuses (throws a <see cref="DurqException"/>) only
/// before it has changed anything, unless it says otherwise (<see cref="MayRefuseAfterWriting"/>): that is what lets
/// the writer run it without a savepoint.
/// </summary>
internal abstract class Write(CancellationToken cancellationToken)
{
    private static readonly IReadOnlyList<string> NoTenants = [];

    /// <summary>The caller gave up: a write not yet run is then not run at all.</summary>
    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>
    /// The tenants whose pending count this write may read or change, asked before any write of the batch runs. A write
    /// that changes a pending count without naming its tenant here is a bug, and fails. A dialect shared by several nodes
    /// locks these tenants' count rows until the batch commits, so a write may also name a tenant to count another of
    /// its rows exactly (its registered workers, for the cap).
    /// </summary>
    public virtual ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => ValueTask.FromResult(NoTenants);

    /// <summary>Whether its task inserts may wait for the batch's shared insert while it and later such writes run (it reads no tasks).</summary>
    public virtual bool SharesTaskInsert => false;

    /// <summary>
    /// Whether it may start with the batch's count locks still deferred, and (when it does not share the task insert) the
    /// tasks gathered for the shared insert still unwritten, because whatever it sends first takes them in the same round
    /// trip: it sends nothing before the batch's closing round trip (its tasks join the shared insert and it reads no
    /// count), or its first statement is one that carries the locks and the gathered tasks ahead of it (a claim's read of
    /// its activity types, IWriteOperations.GetActivityTypesAsync). A dialect that locks count rows then takes them, still
    /// before any other statement, without a round trip of their own.
    /// </summary>
    public virtual bool DefersLocksAndInserts => false;

    /// <summary>
    /// Whether, finding the writer idle, it may run at once on its caller's flow (GroupCommitWriter.TryRunAlone): the
    /// writes of a worker's or a producer's request. The background services' writes (the reaper's, retention's, the
    /// sampler's, the firer's) always go through the loop: their loops are paced by awaiting the writer, and a write
    /// answered synchronously would let such a loop run on without ever yielding (a test clock's Advance runs every
    /// tick of it at once).
    /// </summary>
    public virtual bool RunsAloneWhenIdle => false;

    /// <summary>Whether it may refuse after changing rows, so that only a savepoint can undo it alone.</summary>
    public virtual bool MayRefuseAfterWriting => false;

    /// <summary>
    /// What is safe for the caller to do when the batch's commit was not confirmed (it may or may not be stored), told in
    /// the words of its own route: each write says it, since "repeat it with the same Idempotency-Key" fits only enqueue.
    /// </summary>
    public virtual string IfUnconfirmed => "Trying again is safe.";

    /// <summary>Whether its commit shows that the storage takes writes again (the probe of <c>/health</c>).</summary>
    public virtual bool ProvesStorageWritable => false;

    /// <summary>Whether it adds rows, so that its commit shows a full storage has room again.</summary>
    public virtual bool GrowsStorage => false;

    /// <summary>
    /// Whether its answer must wait until the commit is on disk (the default). Only a write whose loss in a power cut
    /// or an operating-system crash is harmless says no: a claim or a heartbeat, since execution is at-least-once and
    /// leases fence (a lost claim leaves the task pending, and the lease it answered with is refused). A batch commits
    /// durably when any of its writes needs it; a later durable commit also makes every earlier one durable, since both
    /// databases write their log in order. docs/architecture.md, "Durability per write".
    /// </summary>
    public virtual bool NeedsDurableCommit => true;

    /// <summary>Runs the write inside the current batch's transaction.</summary>
    public abstract ValueTask ExecuteAsync(WriteContext context);

    /// <summary>Keeps the refusal to answer once the batch has committed.</summary>
    public abstract void Refuse(Exception error);

    /// <summary>Releases the answer once the batch is durable.</summary>
    public abstract void Release();

    /// <summary>Answers at once with <paramref name="error"/>: the batch did not commit.</summary>
    public abstract void Fail(Exception error);

    /// <summary>Forgets the result or refusal of a run whose transaction was rolled back, before the write runs again.</summary>
    public abstract void Reset();

    protected static ValueTask<IReadOnlyList<string>> Only(string tenant) => ValueTask.FromResult<IReadOnlyList<string>>([tenant]);
}

/// <summary>A write that answers with a value of type <typeparamref name="T"/>.</summary>
internal abstract class Write<T>(CancellationToken cancellationToken) : Write(cancellationToken)
{
    // Continuations run off the writer's loop so a slow caller never stalls the next batch.
    private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _refusal;

    public Task<T> Answer => _answer.Task;

    public sealed override async ValueTask ExecuteAsync(WriteContext context) => _result = await RunAsync(context);

    protected abstract ValueTask<T> RunAsync(WriteContext context);

    public sealed override void Refuse(Exception error) => _refusal = error;

    public sealed override void Release()
    {
        if (_refusal is not null)
        {
            _answer.TrySetException(_refusal);
        }
        else
        {
            _answer.TrySetResult(_result!);
        }
    }

    public sealed override void Fail(Exception error) => _answer.TrySetException(error);

    public sealed override void Reset()
    {
        _result = default;
        _refusal = null;
    }
}
