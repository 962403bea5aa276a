using System.Globalization;
using System.Text;
using System.Text.Json;
using Durq.Contracts;
using Durq.Core.Errors;
using Durq.Server.Http;

namespace Durq.Server.Connections;

/// <summary>
/// The answers Kestrel gives by itself to requests it refuses before Durq sees them, each with the problem document
/// Durq gives it instead. Kestrel does not say why it refused (it logs the reason at debug level), so the detail names
/// the usual causes of each status.
/// </summary>
internal static class KestrelRefusals
{
    private static readonly Dictionary<int, (string Code, string Detail)> ByStatus = new()
    {
        [400] = (ProblemCodes.BadRequest,
            "The request is not valid HTTP/1.1: a malformed request line or header, a bad Content-Length, a missing or repeated Host, a malformed chunk, or %00 in the path."),
        [408] = (ProblemCodes.RequestTimeout, "The request's headers or body arrived too slowly; the server stopped waiting for them."),
        [413] = (ProblemCodes.PayloadTooLarge, "The request body is larger than the server accepts."),
        [414] = (ProblemCodes.UriTooLong, "The request line is longer than the server accepts (8 KiB)."),
        [431] = (ProblemCodes.RequestHeadersTooLarge, "The request's headers are too large (32 KiB in all) or too many (100)."),
        [505] = (ProblemCodes.HttpVersionNotSupported, "The request's HTTP version is not supported; use HTTP/1.1."),
    };

    /// <summary>
    /// The problem answer for <paramref name="answer"/> when it is one of Kestrel's bare refusals: a status line and
    /// headers only, with <c>Content-Length: 0</c> and <c>Connection: close</c>. Anything else is <c>null</c>.
    /// </summary>
    public static byte[]? TryRewrite(ReadOnlySpan<byte> answer)
    {
        var end = answer.IndexOf("\r\n\r\n"u8);
        if (end < 0 || end + 4 != answer.Length)
        {
            return null;
        }

        var head = Encoding.Latin1.GetString(answer[..end]);
        var lines = head.Split("\r\n");
        if (lines[0].Split(' ') is not [_, var statusText, ..]
            || !int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || !ByStatus.TryGetValue(status, out var problem)
            || !lines.Contains("Content-Length: 0", StringComparer.OrdinalIgnoreCase)
            || !lines.Contains("Connection: close", StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(Problems.Create(status, problem.Code, problem.Detail), DurqJson.Context.ProblemDocument);
        var rewritten = new StringBuilder();
        foreach (var line in lines.Where(line => !line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            rewritten.Append(line).Append("\r\n");
        }

        rewritten.Append(CultureInfo.InvariantCulture, $"Content-Type: {Problems.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(rewritten.ToString()), .. body];
    }
}
