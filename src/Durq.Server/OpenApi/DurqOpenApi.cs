using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Durq.Server.OpenApi;

/// <summary>
/// The OpenAPI document served at <c>/openapi/v1.json</c>, good enough to generate clients from: generated from the
/// endpoints, then given what the handlers enforce themselves (query, headers, ranges, scopes) by the transformers here.
/// docs/openapi.v1.json is its snapshot (tests/Durq.Server.Tests/OpenApi).
/// </summary>
internal static class DurqOpenApi
{
    private const string Description =
        "Durq is a durable task queue. Producers enqueue tasks (an `activity_type` and any JSON `input`); workers claim " +
        "the tasks of the activity types they handle under a lease, run them and report back; failures are retried with " +
        "backoff, and what keeps failing lands in the dead-letter queue.\n\n" +
        "Field names are snake_case; times are RFC 3339 UTC; ids are UUIDv7 strings; unset optional members are omitted. " +
        "Every error is an RFC 9457 problem document (`application/problem+json`) with a stable `code`, a `detail` a " +
        "person can act on and `allowed_actions`. The reference, with examples, is docs/api.md in the Durq repository.";

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Tasks"] = "Enqueue, read, list and cancel tasks.",
        ["Workers"] = "The worker protocol: register, claim with long-poll, heartbeat, complete, fail; and the worker list.",
        ["Dead letters"] = "Tasks that ran out of attempts or failed for good, and putting them back to run again.",
        ["Operations"] = "Health and liveness.",
        ["API keys"] = "An admin key's own tenant's keys.",
    };

    /// <summary>Every operation of <paramref name="document"/>, for the transformers that look at all of them.</summary>
    public static IEnumerable<OpenApiOperation> Operations(this OpenApiDocument document) =>
        document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());

    public static IServiceCollection AddDurqOpenApi(this IServiceCollection services) => services.AddOpenApi(openApi =>
    {
        openApi.AddSchemaTransformer<TaskOptionsSchemaTransformer>();
        openApi.AddSchemaTransformer<WireSchemaTransformer>();
        openApi.AddOperationTransformer<PathParameters>();
        openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Durq";
            document.Info.Version = "v1";
            document.Info.Description = Description;
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description = Tags.GetValueOrDefault(tag.Name ?? "");
            }

            return Task.CompletedTask;
        });
        // In this order: the security requirement adds answers that the problem descriptions then describe.
        openApi.AddDocumentTransformer<ApiKeySecurity>();
        openApi.AddDocumentTransformer<ProblemResponses>();
    });
}
