using System.Buffers;
using System.IO.Pipelines;

namespace Durq.Server.Connections;

/// <summary>
/// The sending side of a connection, which turns Kestrel's own refusals into problem documents. Kestrel answers a
/// request it cannot parse (a broken request line, a bad Content-Length, headers too large, an unknown HTTP version)
/// by itself, before any middleware runs, with a bare status line, <c>Content-Length: 0</c> and <c>Connection:
/// close</c>, and no hook lets an application change that answer. Each write is looked at before it is committed:
/// one that is exactly such a refusal (<see cref="KestrelRefusals"/>) is replaced by the problem answer, and every
/// other write is committed as it is, without a copy.
/// </summary>
internal sealed class RejectionProblemWriter(PipeWriter inner) : PipeWriter
{
    private static readonly byte[] StatusLineStart = "HTTP/1.1 "u8.ToArray();

    /// <summary>The memory last handed out, which the next <see cref="Advance"/> commits.</summary>
    private Memory<byte> _lent;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _lent = inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        var written = _lent.Span[..Math.Min(bytes, _lent.Length)];
        _lent = default;
        if (StartsAnErrorAnswer(written) && KestrelRefusals.TryRewrite(written) is { } problem)
        {
            inner.Write(problem);
            return;
        }

        inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    // "HTTP/1.1 4" or "HTTP/1.1 5": the only writes worth a closer look.
    private static bool StartsAnErrorAnswer(ReadOnlySpan<byte> bytes) =>
        bytes.Length > StatusLineStart.Length && bytes.StartsWith(StatusLineStart) && bytes[StatusLineStart.Length] is (byte)'4' or (byte)'5';
}
