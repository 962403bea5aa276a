using System.Globalization;
using System.Text;
using Durq.Core.Storage;

namespace Durq.Storage.Events;

/// <summary>
/// The compact text a shared store's notifications carry the batch's changes in, to every node's event stream: a
/// first line with the node that committed them (so it skips its own, which it told itself) and the store they belong
/// to (several stores may share one database, and its notifications: PostgreSQL schemas), then one line per change,
/// its fields separated by tabs (tabs, line breaks and backslashes in names escaped). Payloads are cut at
/// <see cref="MaxBytes"/> (PostgreSQL's NOTIFY takes under 8000), each a whole number of changes.
/// </summary>
internal static class StoreEventPayloads
{
    public const int MaxBytes = 7900;

    public static List<string> Encode(Guid origin, string store, IReadOnlyList<StoreEvent> events)
    {
        var payloads = new List<string>();
        var header = new StringBuilder(origin.ToString("N", CultureInfo.InvariantCulture)).Append('\t');
        AppendEscaped(header, store);
        return Encode(header.ToString(), events, payloads);
    }

    private static List<string> Encode(string header, IReadOnlyList<StoreEvent> events, List<string> payloads)
    {
        var payload = new StringBuilder(header);
        var bytes = header.Length;
        var line = new StringBuilder();
        foreach (var change in events)
        {
            line.Clear().Append('\n');
            AppendLine(line, change);
            var lineBytes = Encoding.UTF8.GetByteCount(line.ToString());
            if (payload.Length > header.Length && bytes + lineBytes > MaxBytes)
            {
                payloads.Add(payload.ToString());
                payload.Clear().Append(header);
                bytes = header.Length;
            }

            payload.Append(line);
            bytes += lineBytes;
        }

        if (payload.Length > header.Length)
        {
            payloads.Add(payload.ToString());
        }

        return payloads;
    }

    /// <summary>The changes of a payload, with the node and store that committed them; null for a payload this version cannot read.</summary>
    public static (Guid Origin, string Store, List<StoreEvent> Events)? Decode(string payload)
    {
        var lines = payload.Split('\n');
        var header = lines[0].Split('\t');
        if (header.Length != 2 || !Guid.TryParseExact(header[0], "N", out var origin))
        {
            return null;
        }

        var events = new List<StoreEvent>(lines.Length - 1);
        foreach (var line in lines.AsSpan(1))
        {
            var fields = line.Split('\t');
            if (fields.Length != 6)
            {
                return null;
            }

            Guid? taskId = fields[4].Length == 0 ? null : Guid.ParseExact(fields[4], "N");
            events.Add(new StoreEvent(Unescape(fields[2]), fields[0], fields[1], Unescape(fields[3]), taskId, fields[5].Length == 0 ? null : fields[5]));
        }

        return (origin, Unescape(header[1]), events);
    }

    private static void AppendLine(StringBuilder line, StoreEvent change)
    {
        line.Append(change.Kind).Append('\t').Append(change.Change).Append('\t');
        AppendEscaped(line, change.Tenant);
        line.Append('\t');
        AppendEscaped(line, change.ActivityType);
        line.Append('\t');
        if (change.TaskId is { } id)
        {
            line.Append(id.ToString("N", CultureInfo.InvariantCulture));
        }

        line.Append('\t').Append(change.From);
    }

    private static void AppendEscaped(StringBuilder line, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => line.Append(@"\\"),
                '\t' => line.Append(@"\t"),
                '\n' => line.Append(@"\n"),
                _ => line.Append(c),
            };
        }
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                plain.Append(text[i] switch { 't' => '\t', 'n' => '\n', _ => text[i] });
            }
            else
            {
                plain.Append(text[i]);
            }
        }

        return plain.ToString();
    }
}
