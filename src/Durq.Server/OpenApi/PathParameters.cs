using Durq.Core.Keys;
using Durq.Server.Apis;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static Durq.Server.OpenApi.SchemaRules;

namespace Durq.Server.OpenApi;

/// <summary>
/// Describes the ids in routes, which the handlers parse themselves (<c>RouteIds</c>, <c>RouteWorkerIds</c>) so that a
/// malformed one is a 400 <c>invalid_id</c>.
/// </summary>
internal sealed class PathParameters : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, (string Description, Action<OpenApiSchema> Rule)> ById = new()
    {
        ["task_id"] = ("The task's id, as the enqueue answered it (any letter case).", Uuid),
        ["schedule_id"] = ("The schedule's id, as its create answered it (any letter case).", Uuid),
        ["worker_id"] = ($"The id the worker chose: 1 to {WorkerRequestRules.MaxWorkerIdLength} characters, no control characters.", WorkerId),
        ["key_id"] = ("The key's id: the part between `durq_` and the second `_` of the key.", Length(ApiKeyTokens.IdLength, ApiKeyTokens.IdLength)),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            if (ById.TryGetValue(parameter.Name ?? "", out var id) && parameter.Schema is OpenApiSchema schema)
            {
                parameter.Description = id.Description;
                id.Rule(schema);
            }
        }

        return Task.CompletedTask;
    }
}
