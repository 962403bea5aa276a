using System.Runtime.InteropServices;
using System.Text.Json;
using Durq.Core.Tasks;

namespace Durq.Core.Validation;

/// <summary>
/// The options of the last task of a batch that were valid, by their exact JSON text, so that a batch whose tasks send
/// the same options (the usual bulk enqueue) parses them once. Every task then carries the same <see cref="TaskOptions"/>
/// instance, which the store's bulk insert also serializes once. Only valid options are remembered, so every bad item is
/// still named in its own errors.
/// </summary>
internal sealed class RepeatedOptions
{
    private static readonly byte[] Absent = [];

    private byte[]? _json;
    private TaskOptions? _options;

    /// <summary>The options parsed for an earlier task whose <c>options</c> member was byte for byte this one's (or also absent).</summary>
    public bool TryGet(JsonElement body, out TaskOptions options)
    {
        options = _options!;
        return _options is not null && Json(body).SequenceEqual(_json);
    }

    public void Remember(JsonElement body, TaskOptions options)
    {
        var json = Json(body);
        _json = json.Length == 0 ? Absent : json.ToArray();
        _options = options;
    }

    private static ReadOnlySpan<byte> Json(JsonElement body) =>
        FieldReader.TryGetSet(body, "options", out var options) ? JsonMarshal.GetRawUtf8Value(options) : Absent;
}
