using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durq.Server.Tests.OpenApi;

/// <summary>The OpenAPI document as a node serves it, asked for at the default address so its <c>servers</c> entry is that one.</summary>
internal static class ServedDocument
{
    public const string Url = "http://127.0.0.1:8080/openapi/v1.json";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Dashes and quotes stay readable in the snapshot's diffs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<JsonNode> FetchAsync(DurqApiFactory factory)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The document as the snapshot holds it: indented, with "\n" line ends and a final newline.</summary>
    public static string Text(JsonNode document) => document.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
}
