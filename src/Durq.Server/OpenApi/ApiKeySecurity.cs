using Durq.Core.Keys;
using Durq.Server.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Durq.Server.OpenApi;

/// <summary>
/// The API key scheme (<c>Authorization: Bearer durq_…</c>) and, on each operation, the scope it needs, read from
/// <see cref="RouteScopes"/>, the table authorization enforces; with the answers a key can get before the route runs.
/// </summary>
internal sealed class ApiKeySecurity : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    private const string SchemeDescription =
        "An API key, sent as `Authorization: Bearer durq_<id>_<secret>`. Each key belongs to one tenant and sees only its " +
        "tasks, workers and keys; its scopes (`enqueue`, `read`, `work`, `manage`, `admin`) say what it may do, and `admin` " +
        "may do everything. Each operation lists the scope it needs. A server bound only to loopback with no key in its " +
        "store serves requests without a key (tenant `default`, every scope); see docs/security.md.";

    /// <summary>What a route that needs a key can answer before it runs (<see cref="ProblemResponses"/> describes each).</summary>
    private static readonly int[] KeyAnswers =
        [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "durq_<id>_<secret>",
            Description = SchemeDescription,
        };

        foreach (var operation in document.Operations())
        {
            var scope = RouteScopes.ByOperation[operation.OperationId ?? ""];
            if (scope == RouteScopes.NoKey)
            {
                operation.Description += "\n\nNeeds no API key.";
                continue;
            }

            operation.Description += $"\n\nNeeds an API key with the `{scope}` scope (or `{ApiScopes.Admin}`).";
            // For a scheme other than OAuth2, OpenAPI 3.1 lets the list name the roles needed: here, the scope.
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [scope] }];
            foreach (var status in KeyAnswers)
            {
                ProblemResponses.Add(operation, status, document);
            }
        }

        return Task.CompletedTask;
    }
}
