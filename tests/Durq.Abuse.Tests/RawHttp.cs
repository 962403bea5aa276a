using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Durq.Abuse.Tests;

/// <summary>A response read off a socket: what a client that speaks HTTP by hand sees.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, string Raw)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");
}

/// <summary>
/// Sends bytes to a node over a plain TCP socket, for the requests no HTTP client will send (a broken request line,
/// a wrong Content-Length, a body cut short), and reads what comes back until the server closes or goes quiet.
/// </summary>
public static class RawHttp
{
    /// <param name="halfClose">Shut down the sending side after the request, as a client that has nothing more to send.</param>
    /// <param name="quiet">How long a silence ends the reading (default 10 s): a server that answers nothing is seen as silence.</param>
    public static async Task<RawResponse> SendAsync(Uri node, byte[] request, bool halfClose = false, TimeSpan? quiet = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(node.Host, node.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        if (halfClose)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        var raw = await ReadResponseAsync(stream, quiet ?? TimeSpan.FromSeconds(10));
        return Parse(raw);
    }

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Reads until the response is complete by its Content-Length, the server closes, or nothing comes for <paramref name="quiet"/>.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream, TimeSpan quiet)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            using var timeout = new CancellationTokenSource(quiet);
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (IOException)
            {
                break; // reset by the server
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (IsComplete(Encoding.Latin1.GetString(received.ToArray())))
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static bool IsComplete(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var head = text[..end];
        if (Header(head, "transfer-encoding") is "chunked")
        {
            return text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        }

        var length = Header(head, "content-length");
        return length is not null && text.Length - end - 4 >= int.Parse(length, CultureInfo.InvariantCulture);
    }

    private static string Dechunk(string body)
    {
        var text = new StringBuilder();
        var at = 0;
        while (body.IndexOf("\r\n", at, StringComparison.Ordinal) is var lineEnd and > 0
            && int.TryParse(body[at..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) && size > 0
            && lineEnd + 2 + size <= body.Length)
        {
            text.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return text.ToString();
    }

    private static string? Header(string head, string name) => head.Split("\r\n").Skip(1)
        .Select(line => line.Split(':', 2))
        .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(parts => parts[1].Trim())
        .FirstOrDefault();

    private static RawResponse Parse(string raw)
    {
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return new RawResponse(0, new Dictionary<string, string>(), "", raw);
        }

        var lines = raw[..end].Split("\r\n");
        var status = lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, out var value) ? value : 0;
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim().ToLowerInvariant())
            .ToDictionary(group => group.Key, group => group.First()[1].Trim());
        var body = raw[(end + 4)..];
        return new RawResponse(status, headers, headers.GetValueOrDefault("transfer-encoding") is "chunked" ? Dechunk(body) : body, raw);
    }
}
