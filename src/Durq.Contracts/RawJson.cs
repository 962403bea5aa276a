using System.Text.Json;
using System.Text.Json.Serialization;

namespace Durq.Contracts;

/// <summary>
/// A JSON value carried as its exact text: task <c>input</c> and <c>result</c> pass through Durq without being
/// re-serialized. In OpenAPI it has no schema, which is right: any JSON value is allowed.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Json)
{
    public override string ToString() => Json;
}

/// <summary>Writes <see cref="RawJson"/> verbatim and reads any JSON value into it.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // Stored JSON was validated when it came in, so it is written back without a second parse.
        writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
