using System.Text.Json;

namespace Durq.Server.Tests.Events;

/// <summary>One event of a <c>text/event-stream</c>, as a client parses it.</summary>
internal sealed record StreamEvent(string? Id, string Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>A client's side of <c>GET /events</c>: opened with a bearer key like any request, read event by event.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    public const string Path = "/api/v1/durable/events";

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<EventStream> OpenAsync(HttpClient client, string query = "", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event (comments and <c>retry</c> skipped); null when the stream ended.</summary>
    public async Task<StreamEvent?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, name = null, data = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    return new StreamEvent(id, name, data ?? "");
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = value; break;
            }
        }

        return null;
    }

    /// <summary>The next event of <paramref name="name"/>, skipping others; fails the test after 10 s.</summary>
    public async Task<StreamEvent> NextOfAsync(string name)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await NextAsync(deadline.Token) is { } next)
        {
            if (next.Event == name)
            {
                return next;
            }
        }

        throw new InvalidOperationException($"The stream ended before a '{name}' event.");
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
