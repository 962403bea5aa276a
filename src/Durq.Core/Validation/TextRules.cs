using System.Text.Json;

namespace Durq.Core.Validation;

/// <summary>
/// Which text Durq accepts, decided once for every route. Every string of a request body must be well-formed Unicode:
/// a lone UTF-16 surrogate escape (<c>"\ud800"</c>) stands for no character, RFC 8259 leaves its meaning open, and a
/// worker written in another language may fail to read it back. Identifiers (ids, names, types, keys, host names,
/// versions, the values a list is filtered by) may in addition hold no control character: PostgreSQL cannot store NUL
/// in a text column, and a newline or an escape sequence in an id only ever breaks logs and terminals. Free text
/// (error messages) and JSON payloads (<c>input</c>, <c>result</c>, <c>details</c>) may hold control characters: they
/// are stored as JSON, where they stay escaped, alike on both stores.
/// </summary>
internal static class TextRules
{
    public const string NotWellFormed = "holds a lone UTF-16 surrogate (such as \\ud800), which is not a character";
    public const string WellFormedHint = "Send text as well-formed Unicode: a \\uD8xx-\\uDBxx escape must be followed by a \\uDCxx-\\uDFxx escape.";
    public const string HasControlCharacter = "holds a control character (such as NUL, a tab or a newline)";

    public static string IdentifierHint(string field) => $"Send '{field}' as printable text, without control characters.";

    /// <summary>Whether <paramref name="text"/> may be used as an identifier: well-formed, with no control character.</summary>
    public static bool IsIdentifier(string text) => IdentifierProblem(text) is null;

    /// <summary>What is wrong with <paramref name="text"/> as an identifier, or <c>null</c> when nothing is.</summary>
    public static string? IdentifierProblem(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return HasControlCharacter;
            }
        }

        return IsWellFormed(text) ? null : NotWellFormed;
    }

    public static bool IsWellFormed(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 || HasOnlyPairs(text);

    /// <summary>
    /// The string value of <paramref name="element"/>, or <c>false</c> when it holds a lone surrogate escape, which
    /// <see cref="JsonElement.GetString"/> refuses with an exception.
    /// </summary>
    public static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException) when (element.ValueKind == JsonValueKind.String)
        {
            value = null;
            return false;
        }
    }

    /// <summary>
    /// The JSON path (<c>tasks[2].activity_type</c>, <c>input.name</c>) of the first string or member name in the body
    /// that is not well-formed, or <c>null</c>. Only a <c>\uD8xx</c>-<c>\uDFxx</c> escape can make one (the bytes are
    /// checked to be UTF-8 before), so a body without such an escape is not walked at all.
    /// </summary>
    public static string? FindIllFormedString(ReadOnlySpan<byte> utf8Body, JsonElement root) =>
        MayHoldSurrogateEscape(utf8Body) ? Find(root, "") : null;

    private static bool MayHoldSurrogateEscape(ReadOnlySpan<byte> json)
    {
        for (var at = json.IndexOf("\\u"u8); at >= 0 && at + 3 < json.Length; at = Next(json, at))
        {
            // \uD800-\uDFFF: 'd' or 'D', then 8, 9 or a-f in either case.
            if (json[at + 2] is (byte)'d' or (byte)'D' && (json[at + 3] | 0x20) is (byte)'8' or (byte)'9' or >= (byte)'a' and <= (byte)'f')
            {
                return true;
            }
        }

        return false;

        static int Next(ReadOnlySpan<byte> json, int at)
        {
            var rest = json[(at + 2)..].IndexOf("\\u"u8);
            return rest < 0 ? -1 : at + 2 + rest;
        }
    }

    private static string? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(element, out _) ? null : Root(path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (!TryGetName(member, out var name))
                    {
                        return Root(path);
                    }

                    if (Find(member.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool TryGetName(JsonProperty member, out string name)
    {
        try
        {
            name = member.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    private static string Root(string path) => path.Length == 0 ? "$" : path;

    private static bool HasOnlyPairs(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
