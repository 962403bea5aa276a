using System.Text.Encodings.Web;
using System.Text.Json;

namespace Durq.Contracts;

/// <summary>
/// The serializer every Durq component uses for its wire contracts. It escapes only what JSON requires, so details
/// like "Shorten 'activity_type' to &lt;= 200 chars." read as written; the answers are JSON, never HTML.
/// </summary>
public static class DurqJson
{
    public static DurqJsonContext Context { get; } = new(new JsonSerializerOptions(DurqJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
