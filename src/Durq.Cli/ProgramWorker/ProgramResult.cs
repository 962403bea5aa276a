using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Durq.Contracts;

namespace Durq.Cli.ProgramWorker;

/// <summary>What a program's stdout becomes when it exits 0: the task's result.</summary>
internal static class ProgramResult
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Stdout as JSON when it is one JSON value (surrounding whitespace ignored); otherwise a JSON string of stdout without
    /// its trailing line breaks; nothing at all (no result) when stdout is empty or blank.
    /// </summary>
    public static RawJson? FromStdout(string stdout)
    {
        var trimmed = stdout.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        return IsJson(trimmed) ? new RawJson(trimmed) : new RawJson(JsonString(stdout.TrimEnd('\r', '\n')));
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string JsonString(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
