using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Unicode;
using Durq.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Durq.Server.Http;

/// <summary>
/// Reads a JSON request body by hand rather than through model binding, so that each way it can be wrong gets its
/// own answer: 415 for the media type, 413 for the size, 400 for bytes that are not UTF-8 or not JSON.
/// </summary>
internal static class RequestBodies
{
    public static async Task<JsonDocument> ReadJsonAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        EnsureJsonMediaType(request.ContentType);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var body = await ReadAllAsync(request.BodyReader, maxBytes, context.RequestAborted);
        return Parse(body);
    }

    public static HttpProblemException TooLarge(HttpContext context) =>
        TooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0);

    private static HttpProblemException TooLarge(long maxBytes) => new(
        StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
        $"The request body is larger than the limit of {maxBytes} bytes.",
        "Send a smaller body: split a batch, or store large inputs elsewhere and send a reference.");

    /// <summary>Whether the Content-Type says JSON in UTF-8 (<c>application/json</c>, or a <c>+json</c> type).</summary>
    public static bool IsJsonMediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static void EnsureJsonMediaType(string? contentType)
    {
        if (!IsJsonMediaType(contentType))
        {
            throw UnsupportedMediaType(contentType);
        }
    }

    public static HttpProblemException UnsupportedMediaType(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
            contentType is null
                ? "The request has no Content-Type; the body must be JSON."
                : $"The Content-Type '{contentType}' is not accepted; the body must be JSON in UTF-8.",
            "Send the header 'Content-Type: application/json'.");

    private static async Task<byte[]> ReadAllAsync(PipeReader reader, int maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.Buffer.Length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            if (read.IsCompleted)
            {
                // Copied out: a JsonDocument keeps using the memory it parsed, and the pipe's buffers go back to a pool.
                var body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static JsonDocument Parse(byte[] bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            throw InvalidJson("The request body is not valid UTF-8.", "Encode the body as UTF-8 JSON.");
        }

        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException error)
        {
            var where = error.BytePositionInLine is { } column ? $" at line {error.LineNumber + 1}, byte {column + 1}" : "";
            throw InvalidJson($"The request body is not valid JSON{where}.", "Send a well-formed JSON object, e.g. {\"activity_type\": \"email.send\", \"input\": {}}.");
        }
    }

    private static HttpProblemException InvalidJson(string detail, string hint) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, detail, hint);
}
