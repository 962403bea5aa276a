using System.Net;
using System.Text;

namespace Durq.Client.Tests;

/// <summary>An HTTP transport that records each request and answers with what the test set up, so no server is needed.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    public RecordedRequest Single => Assert.Single(Requests);

    public static StubHandler Answering(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(_ => Response(status, body, mediaType));

    public static HttpResponseMessage Response(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    /// <summary>A client whose base address is a server root, as a user would configure it.</summary>
    public DurqClient CreateClient(string baseAddress = "http://durq.test/", string? apiKey = null) =>
        new(new HttpClient(this) { BaseAddress = new Uri(baseAddress) }, apiKey);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(
            request.Method.Method,
            request.RequestUri!.PathAndQuery,
            body,
            request.Content?.Headers.ContentType?.ToString(),
            request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
            request.Headers.Authorization?.ToString()));
        return answer(request);
    }
}

/// <summary>What a <see cref="StubHandler"/> saw of one request.</summary>
internal sealed record RecordedRequest(
    string Method, string PathAndQuery, string? Body, string? ContentType, string? IdempotencyKey, string? Authorization);
