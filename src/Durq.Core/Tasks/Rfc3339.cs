using Durq.Contracts;

namespace Durq.Core.Tasks;

/// <summary>Times on the wire are RFC 3339 UTC with millisecond precision, the precision the stores keep.</summary>
internal static class Rfc3339
{
    /// <summary>The wire form, as <see cref="UtcTimeConverter"/> writes it, so stored JSON and API answers agree.</summary>
    public static string Format(DateTimeOffset time) => UtcTimeConverter.Format(time);

    /// <summary>Truncates to whole milliseconds, the precision every store keeps.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
