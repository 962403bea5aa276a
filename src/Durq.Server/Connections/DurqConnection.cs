using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Durq.Server.Connections;

/// <summary>
/// A Kestrel connection as Durq's requests see it: its answers go through <see cref="RejectionProblemWriter"/>, and a
/// client that half-closes (sends its last bytes, then shuts down its sending side) is still answered. Kestrel takes
/// the end of the client's bytes for the end of the connection: it aborts the request at once, and a body cut short
/// gets no answer at all. Here the end goes through <see cref="HalfCloseReader"/>, and Kestrel hears of the closing
/// only after <see cref="HalfCloseGrace"/>, or once the request that was reading a body has answered 400: long enough
/// for that answer, short enough that a client that truly went away (a waiting claim's) is noticed soon.
/// </summary>
internal sealed class DurqConnection : ConnectionContext, IConnectionLifetimeFeature
{
    public static readonly TimeSpan HalfCloseGrace = TimeSpan.FromSeconds(1);

    /// <summary>The longest the end of a client's bytes is kept from Kestrel while a request answers it.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(5);

    private readonly ConnectionContext _inner;
    private readonly HalfCloseReader _input;
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenRegistration _closing;

    public DurqConnection(ConnectionContext inner)
    {
        _inner = inner;
        _input = new HalfCloseReader(inner.Transport.Input);
        Transport = new Pipe(_input, new RejectionProblemWriter(inner.Transport.Output));
        _closing = inner.ConnectionClosed.Register(() => _ = CloseAsync());
        // Kestrel learns of the closing through this feature rather than through the context's own token.
        Features = new FeatureCollection(inner.Features);
        Features.Set<IConnectionLifetimeFeature>(this);
        // A request reads the end of the client's bytes through this feature (RequestBodies).
        Features.Set(_input);
    }

    /// <summary>
    /// Tells Kestrel the connection closed: after the grace, or once a request that claimed the client's end has
    /// answered (bounded by <see cref="MaxHold"/>, should it never release the end).
    /// </summary>
    private async Task CloseAsync()
    {
        await Task.WhenAny(_input.Released, Task.Delay(HalfCloseGrace));
        if (_input.IsClaimed)
        {
            await Task.WhenAny(_input.Released, Task.Delay(MaxHold));
        }

        await _closed.CancelAsync();
    }

    public override string ConnectionId
    {
        get => _inner.ConnectionId;
        set => _inner.ConnectionId = value;
    }

    public override IFeatureCollection Features { get; }

    public override IDictionary<object, object?> Items
    {
        get => _inner.Items;
        set => _inner.Items = value;
    }

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed
    {
        get => _closed.Token;
        set => throw new NotSupportedException("The closing of a Durq connection follows its transport's.");
    }

    public override EndPoint? LocalEndPoint
    {
        get => _inner.LocalEndPoint;
        set => _inner.LocalEndPoint = value;
    }

    public override EndPoint? RemoteEndPoint
    {
        get => _inner.RemoteEndPoint;
        set => _inner.RemoteEndPoint = value;
    }

    public override void Abort(ConnectionAbortedException abortReason) => _inner.Abort(abortReason);

    public override async ValueTask DisposeAsync()
    {
        await _closing.DisposeAsync();
        _closed.Dispose();
        _input.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Wraps every connection of an endpoint; the inner connection is Kestrel's and is disposed by Kestrel.</summary>
    public static ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        await using var durq = new DurqConnection(connection);
        await next(durq);
    };

    private sealed record Pipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
