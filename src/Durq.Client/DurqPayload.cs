using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Durq.Contracts;

namespace Durq.Client;

/// <summary>
/// Converts task inputs and results between your types and <see cref="RawJson"/>, the form the client sends and
/// receives them in. Use the <see cref="JsonTypeInfo{T}"/> overloads with a source-generated context to stay free of
/// reflection; the <see cref="JsonSerializerOptions"/> overloads default to <see cref="JsonSerializerOptions.Web"/>
/// (camelCase names, case-insensitive reading) and use reflection unless the options carry a source-generated resolver.
/// </summary>
public static class DurqPayload
{
    public static RawJson Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => new(JsonSerializer.Serialize(value, typeInfo));

    public static RawJson Serialize<T>(T value, JsonSerializerOptions? options = null) =>
        Serialize(value, TypeInfo<T>(options));

    /// <summary>Reads a payload; a JSON <c>null</c> reads as <c>default</c>.</summary>
    public static T? Deserialize<T>(RawJson json, JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(Text(json), typeInfo);

    /// <inheritdoc cref="Deserialize{T}(RawJson, JsonTypeInfo{T})"/>
    public static T? Deserialize<T>(RawJson json, JsonSerializerOptions? options = null) => Deserialize(json, TypeInfo<T>(options));

    internal static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions? options) => (JsonTypeInfo<T>)TypeInfo(options, typeof(T));

    /// <summary>
    /// The contract for <paramref name="type"/>. Options without a resolver get the reflection-based one, and are locked,
    /// as <see cref="JsonSerializer.Serialize{T}(T, JsonSerializerOptions?)"/> would do on first use.
    /// </summary>
    internal static JsonTypeInfo TypeInfo(JsonSerializerOptions? options, Type type)
    {
        options ??= JsonSerializerOptions.Web;
        if (options.TypeInfoResolver is null)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        return options.GetTypeInfo(type);
    }

    // default(RawJson) carries no text at all; saying so beats a NullReferenceException deep in the serializer.
    internal static string Text(RawJson json) =>
        json.Json ?? throw new ArgumentException("The RawJson is empty (default); use new RawJson(\"null\") for a JSON null.", nameof(json));
}
