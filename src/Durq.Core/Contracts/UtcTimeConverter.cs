using System.Text.Json;
using System.Text.Json.Serialization;
using Durq.Core.Tasks;

namespace Durq.Core.Contracts;

/// <summary>Writes times as RFC 3339 UTC with a 'Z' and milliseconds (<c>2026-01-31T09:30:00.000Z</c>); reads any offset.</summary>
public sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Rfc3339.Format(value));
    }
}
