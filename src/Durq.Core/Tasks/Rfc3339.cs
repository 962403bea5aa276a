using System.Globalization;

namespace Durq.Core.Tasks;

/// <summary>Times on the wire are RFC 3339 UTC with millisecond precision, the precision the stores keep.</summary>
public static class Rfc3339
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates to whole milliseconds, the precision every store keeps.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
