using System.Text;

namespace Durq.Cli.ProgramWorker;

/// <summary>Reads a stream to its end, keeping only its last characters: a chatty program's stderr can be any size.</summary>
internal static class OutputTail
{
    /// <summary>The last <paramref name="maxChars"/> characters, after "…" when something was left out.</summary>
    public static async Task<string> ReadAsync(TextReader reader, int maxChars)
    {
        var buffer = new char[4096];
        var tail = new StringBuilder();
        var cut = false;
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            // Trimmed in batches, not on every read, so a long stream costs linear time.
            if (tail.Length > 2 * maxChars)
            {
                tail.Remove(0, tail.Length - maxChars);
                cut = true;
            }
        }

        if (tail.Length > maxChars)
        {
            tail.Remove(0, tail.Length - maxChars);
            cut = true;
        }

        // Never start on the second half of a surrogate pair: a lone one is not text, and JSON would refuse it.
        if (cut && tail.Length > 0 && char.IsLowSurrogate(tail[0]))
        {
            tail.Remove(0, 1);
        }

        return cut ? "…" + tail : tail.ToString();
    }
}
