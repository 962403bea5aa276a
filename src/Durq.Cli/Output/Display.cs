using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Durq.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Durq.Cli.Output;

/// <summary>How values look in tables: times in UTC to the second, statuses in colour, waits from now, JSON indented.</summary>
internal static class Display
{
    // Non-ASCII text in inputs and error messages reads as written, not as \uXXXX escapes.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 dead task", "3 dead tasks".</summary>
    public static string Count(int count, string singular, string plural) =>
        $"{Number(count)} {(count == 1 ? singular : plural)}";

    /// <summary>Plain text: user data must never be read as Spectre markup (an input may well contain "[red]").</summary>
    public static IRenderable Text(string? value) => new Text(value ?? "");

    public static IRenderable Status(string status, bool cancelRequested = false)
    {
        var color = status switch
        {
            "pending" => "yellow",
            "claimed" or "active" => "blue",
            "completed" => "green",
            "dead" or "stopped" => "red",
            _ => "grey",
        };
        var suffix = cancelRequested ? " (cancel requested)" : "";
        return new Markup($"[{color}]{Markup.Escape(status + suffix)}[/]");
    }

    /// <summary>
    /// A task's status as a list shows it: a pending task that is not runnable yet (a delay, a backoff) says when it
    /// becomes runnable, "pending (runs in 4m)", rather than looking like one waiting for a worker.
    /// </summary>
    public static IRenderable TaskStatus(TaskResource task, DateTimeOffset now) =>
        task.Status == "pending" && task.VisibleAt > now
            ? Status($"pending (runs in {Until(task.VisibleAt - now)})")
            : Status(task.Status, task.CancelRequested == true);

    /// <summary>A wait to the coarsest unit that matters: "45s", "4m", "2h 5m", "3d 4h".</summary>
    public static string Until(TimeSpan wait)
    {
        var seconds = (long)Math.Ceiling(wait.TotalSeconds);
        return seconds switch
        {
            < 60 => $"{seconds}s",
            < 3600 => $"{(seconds + 59) / 60}m",
            < 86_400 => Pair(seconds / 3600, "h", seconds % 3600 / 60, "m"),
            _ => Pair(seconds / 86_400, "d", seconds % 86_400 / 3600, "h"),
        };

        static string Pair(long big, string bigUnit, long small, string smallUnit) =>
            small == 0 ? $"{big}{bigUnit}" : $"{big}{bigUnit} {small}{smallUnit}";
    }

    /// <summary>
    /// How many times the task has run in all, across retries from the dead-letter queue: every run but the one in
    /// progress or the one that completed it left an entry in <c>errors</c> (a run its worker handed back is not counted).
    /// </summary>
    public static int Runs(TaskResource task, IReadOnlyList<TaskErrorResource> errors) =>
        errors.Count + (task.Status is "claimed" or "completed" ? 1 : 0);

    public static string PrettyJson(RawJson json)
    {
        using var document = JsonDocument.Parse(json.Json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A task's <c>errors</c>, oldest first; empty when it has none or they are in a shape this version does not know.</summary>
    public static IReadOnlyList<TaskErrorResource> Errors(RawJson? errors) =>
        TryRead(errors, json => JsonSerializer.Deserialize(json, DurqJson.Context.IReadOnlyListTaskErrorResource)) ?? [];

    public static TaskErrorResource? LastError(RawJson? lastError) =>
        TryRead(lastError, json => JsonSerializer.Deserialize(json, DurqJson.Context.TaskErrorResource));

    /// <summary>The first line of an error, cut to fit a table cell; <c>tasks show</c> prints it whole.</summary>
    public static string Summary(TaskErrorResource? error, int maxChars = 80)
    {
        if (error is null)
        {
            return "";
        }

        var firstLine = error.Message.AsSpan().Trim();
        var newline = firstLine.IndexOfAny('\r', '\n');
        var text = $"{error.Type}: {(newline >= 0 ? firstLine[..newline] : firstLine)}";
        return text.Length <= maxChars ? text : text[..(maxChars - 1)] + "…";
    }

    private static T? TryRead<T>(RawJson? json, Func<string, T?> read)
        where T : class
    {
        if (json is not { } value)
        {
            return null;
        }

        try
        {
            return read(value.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
