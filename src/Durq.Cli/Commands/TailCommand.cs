using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Durq.Cli.Output;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq tail</c> follows the event stream (<c>GET /events</c>, docs/events.md), one line per task or circuit
/// change: time, kind, task id, activity type. Ends cleanly on Ctrl+C, or when the server ends the stream.
/// </summary>
internal static class TailCommand
{
    public static Command Create()
    {
        var activityType = ClientOptions.ActivityType("Only the changes of this activity type.");
        var command = new Command("tail", "Follow the tenant's changes as they happen (every node's), one line per event, until Ctrl+C.") { activityType };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var query = result.GetValue(activityType) is { } type ? "?activity_type=" + Uri.EscapeDataString(type) : "";
            try
            {
                await FollowAsync(session, "api/v1/durable/events" + query, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the usual way to stop.
            }
        });
    }

    private static async Task FollowAsync(ClientSession session, string path, CancellationToken cancellationToken)
    {
        // A stream has no end to wait for: no request timeout.
        using var http = new HttpClient { BaseAddress = session.Server, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (session.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new CommandLineException($"the server answered {(int)response.StatusCode}: {body}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        Terminal.Error.WriteLine($"Following the events of {session.Server} (Ctrl+C to stop).");
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && name is not null)
            {
                if (Describe(name, line["data:".Length..].Trim()) is { } text)
                {
                    // Raw: a line of the stream is never wrapped at the terminal's width (scripts read it).
                    Terminal.WriteRaw(text);
                }

                name = null;
            }
        }
    }

    /// <summary>The line of one event; null for <c>stats</c>, which <c>durq stats</c> shows better.</summary>
    internal static string? Describe(string name, string data)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        string Text(string field) => root.TryGetProperty(field, out var value) ? value.GetString() ?? "" : "";
        var at = root.TryGetProperty("at", out var time) ? time.GetDateTimeOffset().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "";
        return name switch
        {
            "task" => $"{at}  {Text("change"),-9}  {Text("task_id")}  {Text("activity_type")}",
            "circuit" => $"{at}  circuit    {Text("from")} -> {Text("to")}  {Text("activity_type")}",
            "reset" => $"(resume not possible: {Text("reason")})",
            _ => null,
        };
    }
}
