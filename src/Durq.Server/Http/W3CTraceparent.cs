using System.Text.RegularExpressions;

namespace Durq.Server.Http;

/// <summary>Recognises a W3C Trace Context <c>traceparent</c> header, which a task keeps so its run joins the producer's trace.</summary>
internal static partial class W3CTraceparent
{
    public static bool IsValid(string? value) => value is { Length: 55 } && Pattern().IsMatch(value);

    [GeneratedRegex("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
