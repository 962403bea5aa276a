using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Durq.Server.Connections;

/// <summary>
/// The receiving side of a connection, which holds back the end of the client's bytes (a half-close) for a moment so
/// that a request whose body was cut short can still be answered. Kestrel, on seeing the end in the middle of a body,
/// closes the connection without an answer. Held here, the end is first told to the request that reads a body
/// (<see cref="ClientFinished"/>): it answers 400 and, once the answer is sent, <see cref="Release"/>s the end to Kestrel.
/// When no body is being read (a client that closes an idle connection), the end is released after
/// <see cref="DurqConnection.HalfCloseGrace"/>.
/// </summary>
internal sealed class HalfCloseReader(PipeReader inner) : PipeReader, IDisposable
{
    private readonly CancellationTokenSource _clientFinished = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;
    private SequencePosition _lastEnd;
    private bool _examinedAll;

    /// <summary>Cancelled when the client has sent its last byte.</summary>
    public CancellationToken ClientFinished => _clientFinished.Token;

    /// <summary>Whether the end of the client's bytes has reached Kestrel.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Completes when the end of the client's bytes has been released to Kestrel.</summary>
    public Task Released => _released.Task;

    /// <summary>Keeps the end from Kestrel until <see cref="Release"/>: a request is answering the client first.</summary>
    public bool Claim()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0 || IsReleased)
        {
            return false;
        }

        IsClaimed = true;
        return true;
    }

    /// <summary>Whether a request took the end of the client's bytes to answer it.</summary>
    public bool IsClaimed { get; private set; }

    public void Release() => _released.TrySetResult();

    // Pooled: this is every read of every connection, and most of them wait for the client.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken);
        _lastEnd = result.Buffer.End;
        if (!result.IsCompleted || IsReleased)
        {
            return result;
        }

        if (!_examinedAll)
        {
            // Bytes Kestrel has not looked at yet came with the end: it gets them first, as if more might follow.
            return new ReadResult(result.Buffer, result.IsCanceled, isCompleted: false);
        }

        return await HoldAsync(result, cancellationToken);
    }

    /// <summary>Kestrel wants more bytes and none will come: tell the request, and wait for it (or the grace) to release the end.</summary>
    private async Task<ReadResult> HoldAsync(ReadResult result, CancellationToken cancellationToken)
    {
        if (!_clientFinished.IsCancellationRequested)
        {
            await _clientFinished.CancelAsync();
            _ = ReleaseUnlessClaimedAsync();
        }

        await Task.WhenAny(_released.Task, _cancelled.Task).WaitAsync(cancellationToken);
        if (IsReleased)
        {
            return result;
        }

        _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        return new ReadResult(result.Buffer, isCanceled: true, isCompleted: false);
    }

    private async Task ReleaseUnlessClaimedAsync()
    {
        await Task.Delay(DurqConnection.HalfCloseGrace);
        if (Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            Release();
        }
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        _lastEnd = result.Buffer.End;
        if (!result.IsCompleted || IsReleased)
        {
            return true;
        }

        if (!_examinedAll)
        {
            result = new ReadResult(result.Buffer, result.IsCanceled, isCompleted: false);
            return true;
        }

        // Nothing new but the end, which is held: as a pipe with nothing to read, answer no (and give the bytes back).
        inner.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _examinedAll = examined.Equals(_lastEnd);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead()
    {
        _cancelled.TrySetResult();
        inner.CancelPendingRead();
    }

    public override void Complete(Exception? exception = null)
    {
        Release();
        inner.Complete(exception);
    }

    public void Dispose() => _clientFinished.Dispose();
}
