using System.Threading.Channels;
using Durq.Core.Errors;
using Durq.Storage.Dialect;
using Microsoft.Extensions.Logging;

namespace Durq.Storage.Writing;

/// <summary>
/// The store's only writer, the same for every dialect. Callers queue <see cref="Write"/>s; one loop takes every write
/// waiting (up to the dialect's batch size), runs them in one transaction, commits once and only then answers each
/// caller (a write that finds the writer idle runs at once, as a batch of its own, on its caller's flow). This is group
/// commit: throughput is not capped by the database's commit rate, and each answer still means "durable" (a batch of
/// claims and heartbeats alone need not wait for the disk: <see cref="Write.NeedsDurableCommit"/>). A batch runs in
/// three steps: lock the count rows of every tenant it may change, run each write, then let the dialect write the
/// batch's counts, totals and announcements and commit. Writes run without savepoints, as a refusal comes before any
/// change; a batch in which a statement fails is rolled back and run again with a savepoint per write, so the failure
/// undoes its own write alone. When the connection breaks, that batch's callers are told the store is unavailable and
/// the next batch connects again after a short backoff. After each commit the work the batch made claimable is handed
/// to <c>committed</c>. A fault of the storage itself (read-only, full, corrupt) fails the whole batch at once with
/// that fault, as no write of it could succeed: running it again guarded would only meet it again.
/// </summary>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    // Not SingleReader: that channel cannot count what waits, which TryRunAlone must know.
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly WriteContext _context = new();
    // Held while a batch runs, by the loop or by a caller running its write alone (TryRunAlone): one batch at a time.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Write> _batchOfOne = new(1);
    private volatile bool _closing;
    private volatile int _lastBatchSize;
    private readonly IStoreDialect _dialect;
    private readonly Action<BatchChanges> _committed;
    private readonly StorageCondition _condition;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private IWriteSession? _session;
    private TimeSpan _backoff = TimeSpan.Zero;

    /// <param name="committed">Called on the writer's loop after each commit, with what the batch changed.</param>
    /// <param name="condition">Told of every storage fault a batch meets, and when a write proves the storage writable again.</param>
    public GroupCommitWriter(IStoreDialect dialect, Action<BatchChanges> committed, StorageCondition condition, ILogger logger)
    {
        _dialect = dialect;
        _committed = committed;
        _condition = condition;
        _logger = logger;
        _loop = dialect.WriterNeedsOwnThread
            ? Task.Factory.StartNew(RunOnOwnThread, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.Run(RunAsync);
    }

    /// <summary>The claims waiting for the work of this writer's batches, handed off to the batch that makes it.</summary>
    public ClaimHandOffs HandOffs { get; } = new();

    public Task<T> SubmitAsync<T>(Write<T> write)
    {
        if (TryRunAlone(write) is { } alone)
        {
            return alone;
        }

        if (!_queue.Writer.TryWrite(write))
        {
            throw new StoreUnavailableException("The store is shutting down and takes no more writes.");
        }

        return write.Answer;
    }

    /// <summary>
    /// When writes come one at a time (the last batch held one) and none runs or waits now, runs a request's
    /// <paramref name="write"/> (<see cref="Write.RunsAloneWhenIdle"/>) as a batch of its own on the caller's flow (on SQLite,
    /// synchronously on the caller's thread) instead of handing it to the loop's thread and its answer back to another:
    /// a sequential caller's write then wakes no other thread. Once batches gather several writes, every write goes
    /// through the loop again, as a caller's batch of one would only make the next batches smaller. A caller with a
    /// synchronization context of its own (a UI's, a test runner's) always goes through the loop, so the batch's awaits
    /// never queue behind it. Null when the write must go through the loop.
    /// </summary>
    private Task<T>? TryRunAlone<T>(Write<T> write)
    {
        // Looked at before the gate too, so that under load a write goes to the queue without touching the semaphore.
        if (!write.RunsAloneWhenIdle || SynchronizationContext.Current is not null || !WritesComeOneAtATime || !_gate.Wait(0))
        {
            return null;
        }

        if (!WritesComeOneAtATime || _backoff > TimeSpan.Zero)
        {
            _gate.Release();
            return null;
        }

        return RunAloneAsync(write);
    }

    /// <summary>The writer is open, its last batch held one write, and no write waits now.</summary>
    private bool WritesComeOneAtATime => !_closing && _lastBatchSize <= 1 && _queue.Reader.Count == 0;

    private async Task<T> RunAloneAsync<T>(Write<T> write)
    {
        try
        {
            _batchOfOne.Clear();
            AddUnlessGivenUp(_batchOfOne, write);
            await RunBatchAsync(_batchOfOne);
        }
        finally
        {
            _gate.Release();
        }

        return await write.Answer;
    }

    /// <summary>The loop on a thread of its own: every dialect call completes synchronously, so the thread is never left.</summary>
    private void RunOnOwnThread()
    {
        var batch = new List<Write>(_dialect.MaxWriteBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            _gate.Wait();
            try
            {
                WaitOutBackoffAsync().GetAwaiter().GetResult();
                TakeBatch(batch);
                RunBatchAsync(batch).AsTask().GetAwaiter().GetResult();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Write>(_dialect.MaxWriteBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            await _gate.WaitAsync();
            try
            {
                await WaitOutBackoffAsync();
                TakeBatch(batch);
                await RunBatchAsync(batch);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Takes the writes waiting (<see cref="AddUnlessGivenUp"/>).</summary>
    private void TakeBatch(List<Write> batch)
    {
        batch.Clear();
        while (batch.Count < _dialect.MaxWriteBatch && _queue.Reader.TryRead(out var write))
        {
            AddUnlessGivenUp(batch, write);
        }
    }

    /// <summary>Adds the write to the batch; a write whose caller gave up before it ran is answered and left out.</summary>
    private static void AddUnlessGivenUp(List<Write> batch, Write write)
    {
        if (write.CancellationToken.IsCancellationRequested)
        {
            write.Fail(new OperationCanceledException(write.CancellationToken));
        }
        else
        {
            batch.Add(write);
        }
    }

    /// <summary>After a lost connection, gives the database a moment to come back; writes arriving meanwhile join the next batch.</summary>
    private async Task WaitOutBackoffAsync()
    {
        if (_backoff > TimeSpan.Zero && !_stopping.IsCancellationRequested)
        {
            await Task.Delay(_backoff, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async ValueTask RunBatchAsync(List<Write> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        _lastBatchSize = batch.Count;
        var started = WriterMetrics.Start();
        try
        {
            var session = await ConnectAsync();
            // Most batches meet no error: they run without a savepoint per write (fewer statements, and no
            // subtransaction per write on the server). One that does is rolled back and run again, each write guarded.
            var durable = batch.Exists(w => w.NeedsDurableCommit);
            // Counted before the first run: run again guarded, the batch also holds the claims that run handed off.
            var ownWrites = batch.Count;
            if (!await RunInTransactionAsync(session, batch, durable, ownWrites, guarded: false)
                && !await RunInTransactionAsync(session, batch, durable, ownWrites, guarded: true))
            {
                throw new InvalidOperationException("A guarded batch cannot ask to be run again.");
            }
        }
        catch (Exception error)
        {
            // Whatever broke the batch, every caller in it must get an answer, and the loop must go on.
            var lost = await DropBrokenSessionAsync();
            if (_dialect.Fault(error) is { } fault)
            {
                _condition.Noticed(fault);
                batch.ForEach(w => w.Fail(fault));
                return;
            }

            LogBatchFailed(error, batch.Count, lost);
            batch.ForEach(w => w.Fail(new StoreUnavailableException($"{_dialect.BatchFailedDetail} {w.IfUnconfirmed}", error)));
            return;
        }

        _backoff = TimeSpan.Zero;
        if (_condition.Fault is not null)
        {
            _condition.Committed(probed: batch.Exists(w => w.ProvesStorageWritable), grew: batch.Exists(w => w.GrowsStorage));
        }

        _session!.Committed(_context.Changes);
        WriterMetrics.Committed(batch.Count, started);
        AnnounceCommitted();
        batch.ForEach(w => w.Release());
    }

    private void AnnounceCommitted()
    {
        try
        {
            _committed(_context.Changes);
        }
        catch (Exception error)
        {
            // The batch is durable whatever a listener does; its callers must still get their answers.
            LogAnnounceFailed(error);
        }
    }

    /// <summary>
    /// Runs the batch in one transaction and commits it. Unguarded, a failure that only a savepoint could undo alone
    /// rolls the whole transaction back and answers false, for the batch to be run again guarded.
    /// </summary>
    /// <param name="ownWrites">How many of the batch's writes are its own, the claims handed off to it coming after them.</param>
    private async ValueTask<bool> RunInTransactionAsync(IWriteSession session, List<Write> batch, bool durable, int ownWrites, bool guarded)
    {
        await session.BeginAsync(durable);
        _context.Begin(session);
        await _context.CountAsync(await CountedTenantsAsync(batch));
        // Indexed, as the claims handed off after the batch's own writes join it as it runs.
        for (var i = 0; i < batch.Count; i++)
        {
            if (guarded)
            {
                await ExecuteGuardedAsync(session, batch[i]);
            }
            else if (!await TryExecuteAsync(session, batch[i]))
            {
                return await RollBackForGuardedRunAsync(session, batch);
            }

            // After its own writes, a batch that holds no claim handed off yet takes those waiting for its work.
            if (i == ownWrites - 1 && batch.Count == ownWrites && HandOffs.AnyWaiting)
            {
                HandOffs.TakeInto(batch, _context.Changes.WorkDueNow(), _context.Declared);
            }
        }

        try
        {
            await session.CommitAsync(_context.Changes);
        }
        catch (Exception error) when (!guarded && IsStatementFailure(session, error) && !session.IsCommitFailure(error))
        {
            // A shared insert gathers several callers' tasks; run again, each caller's tasks are written on their own.
            LogRunningGuarded(error, "the batch's closing statements");
            return await RollBackForGuardedRunAsync(session, batch);
        }

        return true;
    }

    /// <summary>A failure of one statement, which running the batch again guarded can confine to its own write; a storage fault is not.</summary>
    private bool IsStatementFailure(IWriteSession session, Exception error) => session.IsStatementFailure(error) && _dialect.Fault(error) is null;

    private static async ValueTask<bool> RollBackForGuardedRunAsync(IWriteSession session, List<Write> batch)
    {
        await session.RollbackAsync();
        batch.ForEach(w => w.Reset());
        return false;
    }

    /// <summary>Every tenant whose count the batch may read or change, in one fixed (ordinal) order.</summary>
    private async ValueTask<SortedSet<string>> CountedTenantsAsync(List<Write> batch)
    {
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var write in batch)
        {
            tenants.UnionWith(await write.CountedTenantsAsync(_context));
        }

        return tenants;
    }

    /// <summary>The open session, or a new one when there is none.</summary>
    private async ValueTask<IWriteSession> ConnectAsync()
    {
        if (_session is { IsBroken: false })
        {
            return _session;
        }

        await ForgetSessionAsync();
        _session = await _dialect.ConnectWriterAsync();
        return _session;
    }

    /// <summary>Forgets the session if its connection broke, so the next batch opens a new one after a backoff.</summary>
    private async ValueTask<bool> DropBrokenSessionAsync()
    {
        if (_session is { IsBroken: false })
        {
            return false;
        }

        await ForgetSessionAsync();
        _backoff = _backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
        return true;
    }

    private async ValueTask ForgetSessionAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
            _session = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        // A caller may still be running its write alone: the session is closed once it is done.
        await _gate.WaitAsync();
        await ForgetSessionAsync();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "A batch of {Count} writes failed and every caller in it was told the store is unavailable (connection lost: {Lost})")]
    private partial void LogBatchFailed(Exception error, int count, bool lost);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing the work of a committed batch failed")]
    private partial void LogAnnounceFailed(Exception error);
}
