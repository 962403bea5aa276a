using System.Globalization;
using Durq.Contracts;
using Durq.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static Durq.Core.Errors.ProblemCodes;

namespace Durq.Server.OpenApi;

/// <summary>
/// Says, on every problem answer of the document, which codes that status carries, and gives 429 and 503 their
/// <c>Retry-After</c> header and 401 its <c>WWW-Authenticate</c>, as <c>Problems</c> and the authorization answer send them.
/// </summary>
internal sealed class ProblemResponses : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [StatusCodes.Status400BadRequest] = $"`{InvalidJson}`, `{InvalidId}` or `{InvalidQuery}`: the request is malformed; `detail` says how.",
        [StatusCodes.Status401Unauthorized] = $"`{Unauthorized}`: no API key, or a malformed, unknown, revoked or expired one.",
        [StatusCodes.Status403Forbidden] = $"`{Forbidden}`: the key lacks the scope this operation needs.",
        [StatusCodes.Status404NotFound] = $"`{NotFound}`: no such resource in the key's tenant.",
        [StatusCodes.Status409Conflict] =
            $"The state refuses it: `{LeaseLost}` (a report on a lease no longer held), `{NotCancellable}` (a finished task), " +
            $"`{NotDead}` (a DLQ retry of a task not dead) or `{IdempotencyKeyReused}` (with a `get-existing` action).",
        [StatusCodes.Status413PayloadTooLarge] = $"`{PayloadTooLarge}`: the body is over `Limits:MaxRequestBytes`.",
        [StatusCodes.Status415UnsupportedMediaType] = $"`{UnsupportedMediaType}`: send `Content-Type: application/json`.",
        [StatusCodes.Status422UnprocessableEntity] = $"`{ValidationFailed}`: `errors` names every bad field by its JSON path.",
        [StatusCodes.Status429TooManyRequests] =
            $"`{RateLimited}` (the key's request rate), `{QueueFull}` (an enqueue over `Queue:MaxPending`) or " +
            $"`{WorkerLimitReached}` (a new worker over `Workers:MaxPerTenant`): try again after `Retry-After` seconds.",
        [StatusCodes.Status500InternalServerError] = $"`{InternalError}`: logged under the answer's `trace_id`.",
        [StatusCodes.Status503ServiceUnavailable] =
            $"`{Unavailable}`, or a storage fault (`{StorageReadOnly}`, `{StorageFull}`, `{StorageCorrupt}`): try again after `Retry-After` seconds.",
    };

    /// <summary>Adds a problem answer of <paramref name="status"/> to <paramref name="operation"/> unless it has one.</summary>
    public static void Add(OpenApiOperation operation, int status, OpenApiDocument document)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [Problems.ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDocument), document) },
            },
        });
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var operation in document.Operations())
        {
            foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
            {
                if (response is OpenApiResponse problem && problem.Content?.ContainsKey(Problems.ContentType) == true)
                {
                    Describe(operation, int.Parse(status, CultureInfo.InvariantCulture), problem);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiOperation operation, int status, OpenApiResponse response)
    {
        response.Description = Descriptions[status];
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            HeaderParameters.AddHeader(operation, status, "Retry-After", new OpenApiHeader
            {
                Description = "Seconds to wait before trying again; the same number as `retry_after_seconds`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
            });
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            HeaderParameters.AddHeader(operation, status, "WWW-Authenticate", new OpenApiHeader
            {
                Description = "`Bearer`: authenticate with an API key.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }
}
