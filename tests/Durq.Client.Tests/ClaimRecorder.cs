using System.Collections.Concurrent;
using System.Text.Json;

namespace Durq.Client.Tests;

/// <summary>A transport in front of the real one that notes the <c>max_tasks</c> of every claim a worker sends.</summary>
internal sealed class ClaimRecorder
{
    private readonly ConcurrentQueue<int> _askedFor = new();

    public IReadOnlyList<int> AskedFor => [.. _askedFor];

    public HttpMessageHandler Over(HttpMessageHandler inner) => new Recording(this) { InnerHandler = inner };

    private sealed class Recording(ClaimRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/tasks/claim", StringComparison.Ordinal))
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                using var json = JsonDocument.Parse(body);
                recorder._askedFor.Enqueue(json.RootElement.GetProperty("max_tasks").GetInt32());
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
