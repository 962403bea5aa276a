using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Durq.Contracts;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Events;

/// <summary>
/// Writes one response as <c>text/event-stream</c>: each event is <c>id</c> (changes only), <c>event</c> and one
/// <c>data</c> line of JSON. Its three senders share the response, one write at a time.
/// </summary>
internal sealed class EventStreamWriter(HttpResponse response, EventHub hub) : IDisposable
{
    public static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Sends the headers at once (a client sees the stream open), and <c>reset</c> when the resume failed.</summary>
    public async Task StartAsync(bool resumed, CancellationToken cancellationToken)
    {
        var opening = "retry: 1000\n\n";
        if (!resumed)
        {
            opening += "event: reset\ndata: {\"reason\":\"Last-Event-ID cannot be resumed on this node (another node's, from before a restart, or older than what is kept): reload the state and go on from here.\"}\n\n";
        }

        await WriteAsync(opening, cancellationToken);
    }

    /// <summary>Sends changes as they come, flushing once per run of those waiting; ends when the hub ends the subscription.</summary>
    public async Task SendChangesAsync(ChannelReader<NumberedEvent> changes, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        while (await changes.WaitToReadAsync(cancellationToken))
        {
            text.Clear();
            while (text.Length < 64 * 1024 && changes.TryRead(out var change))
            {
                Append(text, change);
            }

            await WriteAsync(text.ToString(), cancellationToken);
        }
    }

    /// <summary>Sends the <c>/health</c> numbers when they changed, looking at most once per <see cref="StatsInterval"/>.</summary>
    public async Task SendStatsAsync(Func<CancellationToken, Task<HealthResponse>> read, TimeProvider time, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var stats = JsonSerializer.Serialize(await read(cancellationToken), DurqJson.Context.HealthResponse);
            if (stats != last)
            {
                await WriteAsync("event: stats\ndata: " + stats + "\n\n", cancellationToken);
                last = stats;
            }

            await Task.Delay(StatsInterval, time, cancellationToken);
        }
    }

    /// <summary>A comment now and then, so proxies do not close a quiet stream.</summary>
    public async Task KeepAliveAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(KeepAliveInterval, time, cancellationToken);
            await WriteAsync(": keep-alive\n\n", cancellationToken);
        }
    }

    private void Append(StringBuilder text, NumberedEvent numbered)
    {
        var change = numbered.Change;
        var data = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(data))
        {
            json.WriteStartObject();
            if (change.Kind == StoreEventKinds.Task)
            {
                json.WriteString("change", change.Change);
                json.WriteString("task_id", change.TaskId?.ToString() ?? "");
                json.WriteString("activity_type", change.ActivityType);
            }
            else
            {
                json.WriteString("activity_type", change.ActivityType);
                json.WriteString("from", change.From);
                json.WriteString("to", change.Change);
            }

            json.WriteString("at", Rfc3339.Format(numbered.At));
            json.WriteEndObject();
        }

        text.Append("id: ").Append(hub.IdOf(numbered)).Append("\nevent: ").Append(change.Kind)
            .Append("\ndata: ").Append(Encoding.UTF8.GetString(data.WrittenSpan)).Append("\n\n");
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await response.WriteAsync(text, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();
}
