using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Durq.Server.Auth;

/// <summary>
/// Whether the server can be reached from other machines: read from the addresses it is bound to, once it is bound
/// (so <c>Kestrel:Endpoints</c> and <c>--urls</c> count alike). A server bound to nothing (the in-memory test server)
/// is reachable from nowhere else.
/// </summary>
internal sealed class ListenerExposure(IServer server)
{
    private volatile IReadOnlyList<string>? _beyondLoopback;

    /// <summary>
    /// The bound addresses other machines can reach. Read at first use, which must come after binding: the start-up
    /// check (after every hosted service, Kestrel included, has started) or a request (which needs a bound server).
    /// </summary>
    public IReadOnlyList<string> BeyondLoopback => _beyondLoopback ??= Read();

    public bool LoopbackOnly => BeyondLoopback.Count == 0;

    private IReadOnlyList<string> Read() =>
        [.. (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(a => !IsLocal(a))];

    /// <summary>Whether a bound address (<c>http://127.0.0.1:8080</c>, <c>http://[::]:80</c>, <c>http://unix:/run/durq.sock</c>) is this machine's alone.</summary>
    public static bool IsLocal(string address)
    {
        var start = address.IndexOf("://", StringComparison.Ordinal);
        var host = start < 0 ? address : address[(start + 3)..];
        if (host.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var portColon = host.LastIndexOf(':');
        if (portColon > 0 && host.IndexOf(']', StringComparison.Ordinal) < portColon)
        {
            host = host[..portColon];
        }

        return LoopbackNames.IsLoopback(host.TrimEnd('/'));
    }
}

/// <summary>The names and addresses that mean "this machine".</summary>
internal static class LoopbackNames
{
    /// <summary>
    /// <c>localhost</c> and names under it (RFC 6761 keeps them on loopback), 127.0.0.0/8 and [::1]. A bare host name or
    /// a wildcard (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) is not.
    /// </summary>
    public static bool IsLoopback(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var ip) && IPAddress.IsLoopback(ip);
    }
}
