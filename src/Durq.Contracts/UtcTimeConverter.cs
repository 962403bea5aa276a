using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Durq.Contracts;

/// <summary>Writes times as RFC 3339 UTC with a 'Z' and milliseconds (<c>2026-01-31T09:30:00.000Z</c>); reads any offset.</summary>
public sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The one text form of a time on the wire; milliseconds are the precision every store keeps.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }
}
