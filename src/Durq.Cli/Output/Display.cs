using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Durq.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Durq.Cli.Output;

/// <summary>How values look in tables: times in UTC to the second, statuses in colour, JSON indented.</summary>
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
