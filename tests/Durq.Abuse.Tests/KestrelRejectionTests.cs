using System.Text;

namespace Durq.Abuse.Tests;

/// <summary>
/// Requests that Kestrel itself refuses before Durq sees them (or while Durq reads the body), over a raw socket against
/// a real Kestrel: each is answered with a problem document, never an empty body or silence. These do not touch the
/// store, so they run on SQLite only.
/// </summary>
public sealed class KestrelRejectionTests : IAsyncLifetime
{
    private const string Tasks = "/api/v1/durable/tasks";
    private const string Health = "/api/v1/durable/health";

    private KestrelNode _node = null!;

    public async Task InitializeAsync() => _node = await KestrelNode.StartAsync(Store.Sqlite);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    public static TheoryData<string, string, int, string> Rejections => new()
    {
        { "bad Content-Length", $"POST {Tasks} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n", 400, "bad_request" },
        { "two Content-Lengths", $"POST {Tasks} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{{}}", 400, "bad_request" },
        { "a header over 32 KiB", $"GET {Health} HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('a', 40_000)}\r\n\r\n", 431, "request_headers_too_large" },
        { "101 headers", $"GET {Health} HTTP/1.1\r\nHost: localhost\r\n{string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: v\r\n"))}\r\n", 431, "request_headers_too_large" },
        { "a 9 KiB URL", $"GET {Health}?q={new string('a', 9000)} HTTP/1.1\r\nHost: localhost\r\n\r\n", 414, "uri_too_long" },
        { "a broken request line", "GARBAGE\r\n\r\n", 400, "bad_request" },
        { "no Host", $"GET {Health} HTTP/1.1\r\n\r\n", 400, "bad_request" },
        { "two Hosts", $"GET {Health} HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "bad_request" },
        { "HTTP/1.2", $"GET {Health} HTTP/1.2\r\nHost: localhost\r\n\r\n", 505, "http_version_not_supported" },
        { "%00 in the path", $"GET {Tasks}/a%00b HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "bad_request" },
        // An HTTP client joins a header's values into one line; sent as two lines, the key is ambiguous.
        { "Idempotency-Key twice", $"POST {Tasks} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nIdempotency-Key: a\r\nIdempotency-Key: b\r\nContent-Length: 34\r\n\r\n{{\"activity_type\":\"a\",\"input\":null}}", 422, "validation_failed" },
        // Kestrel lets a control character other than NUL, CR and LF through in a header value; Durq refuses it.
        { "a control character in Idempotency-Key", $"POST {Tasks} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nIdempotency-Key: a\u0001b\r\nContent-Length: 34\r\n\r\n{{\"activity_type\":\"a\",\"input\":null}}", 422, "validation_failed" },
        { "a broken chunk", $"POST {Tasks} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n", 400, "bad_request" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Kestrel_rejections_are_problem_documents(string name, string request, int status, string code)
    {
        var response = await RawHttp.SendAsync(_node.BaseAddress, RawHttp.Ascii(request));
        Problem.Assert(response, status, code, name);
    }

    [Fact]
    public async Task A_short_body_then_a_half_close_is_answered()
    {
        var request = $"POST {Tasks} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"activity_type\":";
        var response = await RawHttp.SendAsync(_node.BaseAddress, RawHttp.Ascii(request), halfClose: true);
        Problem.Assert(response, 400, "bad_request", "a short body, then a half-close");
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_a_request_timeout()
    {
        // Kestrel's MinRequestBodyDataRate: 240 bytes/s after a 5 s grace period.
        var request = $"POST {Tasks} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"activity_type\":";
        var response = await RawHttp.SendAsync(_node.BaseAddress, Encoding.ASCII.GetBytes(request), quiet: TimeSpan.FromSeconds(20));
        Problem.Assert(response, 408, "request_timeout", "a body that stops after 17 bytes");
    }
}
