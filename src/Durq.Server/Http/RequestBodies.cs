using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Durq.Core.Errors;
using Durq.Core.Validation;
using Durq.Server.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Durq.Server.Http;

/// <summary>
/// Reads a JSON request body by hand rather than through model binding, so that each way it can be wrong gets its
/// own answer: 415 for the media type, 413 for the size, 400 for bytes that are not UTF-8 or not JSON.
/// </summary>
internal static partial class RequestBodies
{
    public static async Task<JsonDocument> ReadJsonAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        EnsureJsonMediaType(request.ContentType);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var body = await ReadAllAsync(context, maxBytes);
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

    /// <summary>
    /// Reads the whole body. On a real connection the read also ends when the client has sent its last byte before the
    /// body's end (a half-close, <see cref="HalfCloseReader"/>): that is answered 400 rather than with a closed socket.
    /// </summary>
    private static async Task<byte[]> ReadAllAsync(HttpContext context, int maxBytes)
    {
        if (context.Features.Get<HalfCloseReader>() is not { } halfClose)
        {
            return await ReadAllAsync(context.Request.BodyReader, maxBytes, context.RequestAborted);
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, halfClose.ClientFinished);
        try
        {
            return await ReadAllAsync(context.Request.BodyReader, maxBytes, ended.Token);
        }
        catch (OperationCanceledException) when (halfClose.ClientFinished.IsCancellationRequested && halfClose.Claim())
        {
            context.Response.OnCompleted(() =>
            {
                halfClose.Release();
                return Task.CompletedTask;
            });
            throw new HttpProblemException(StatusCodes.Status400BadRequest, ProblemCodes.BadRequest,
                $"The client stopped sending before the end of the body ({context.Request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a chunked body"} bytes announced).",
                "Send the whole body that Content-Length announces before closing the connection.");
        }
    }

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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, ParseOptions);
        }
        catch (JsonException error)
        {
            throw InvalidJson(error);
        }
        catch (InvalidOperationException)
        {
            // Looking for a member named twice reads every member name, and a name holding a lone surrogate cannot be
            // read: the body is parsed again without that check to name the member.
            using var again = JsonDocument.Parse(bytes, ParseOptions with { AllowDuplicateProperties = true });
            throw IllFormed(TextRules.FindIllFormedString(bytes, again.RootElement) ?? "$");
        }

        if (TextRules.FindIllFormedString(bytes, document.RootElement) is { } field)
        {
            document.Dispose();
            throw IllFormed(field);
        }

        return document;
    }

    private static ValidationException IllFormed(string field) =>
        new([new ValidationError(field, TextRules.NotWellFormed, TextRules.WellFormedHint)]);

    /// <summary>
    /// A member named twice in one object is refused: parsers disagree on which one wins (the first, the last, both),
    /// so such a body means different things to the client's tools and to Durq.
    /// </summary>
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    private static HttpProblemException InvalidJson(JsonException error)
    {
        if (DuplicateMember().Match(error.Message) is { Success: true } duplicate)
        {
            return InvalidJson($"The request body names the member '{Shorten(duplicate.Groups[1].Value)}' twice in one object.",
                "Send each member of an object once.");
        }

        var where = error.BytePositionInLine is { } column ? $" at line {error.LineNumber + 1}, byte {column + 1}" : "";
        return InvalidJson($"The request body is not valid JSON{where}.", "Send a well-formed JSON object, e.g. {\"activity_type\": \"email.send\", \"input\": {}}.");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static HttpProblemException InvalidJson(string detail, string hint) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, detail, hint);

    [GeneratedRegex("^Duplicate property '(.*)' encountered")]
    private static partial Regex DuplicateMember();
}
