using Durq.Contracts;
using Durq.Core.Keys;
using Durq.Core.Validation;
using Durq.Server.Auth;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Durq.Server.OpenApi;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary><c>/keys</c>: an <c>admin</c> key makes, lists and revokes its own tenant's keys (API.md).</summary>
public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/keys").WithTags("API keys");
        group.MapPost("", CreateAsync).WithName("CreateApiKey")
            .Accepts<CreateApiKeyRequest>("application/json")
            .Produces<ApiKeyResource>(StatusCodes.Status201Created)
            .ProducesProblems(400, 415, 422)
            .WithLocation(DurqRoutes.Prefix + "/keys/{key_id}");
        group.MapGet("", ListAsync).WithName("ListApiKeys").Produces<ApiKeyListResponse>().ProducesProblems();
        group.MapDelete("/{key_id}", RevokeAsync).WithName("RevokeApiKey").Produces<ApiKeyResource>().ProducesProblems(404);
        return group;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, ApiKeyIssuer issuer, RequestTenant tenant, IOptions<LimitsOptions> limits)
    {
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.CreateApiKeyRequest, limits.Value.MaxRequestBytes);
        var errors = new List<ValidationError>();
        var scopes = ApiScopes.Parse(request.Scopes, out var scopeError);
        if (scopeError is not null)
        {
            errors.Add(new ValidationError("scopes", scopeError, "Give scopes from: " + string.Join(", ", ApiScopes.All) + "."));
        }

        var name = ApiKeyIssuer.CheckName(request.Name, errors);
        ApiKeyIssuer.CheckExpiry(request.ExpiresAt, issuer.Now, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var (key, token) = await issuer.CreateAsync(tenant.Current, scopes!, name, request.ExpiresAt, context.RequestAborted);
        return Results.Json(ApiKeyResources.From(key, issuer.Now) with { Key = token }, DurqJson.Context.ApiKeyResource,
            statusCode: StatusCodes.Status201Created).WithLocation(context, DurqRoutes.Prefix + "/keys/" + key.Id);
    }

    private static async Task<IResult> ListAsync(ApiKeyIssuer issuer, RequestTenant tenant, CancellationToken cancellationToken)
    {
        var keys = await issuer.ListAsync(tenant.Current, cancellationToken);
        var now = issuer.Now;
        return Results.Json(new ApiKeyListResponse([.. keys.Select(k => ApiKeyResources.From(k, now))]), DurqJson.Context.ApiKeyListResponse);
    }

    private static async Task<IResult> RevokeAsync(string key_id, ApiKeyIssuer issuer, RequestTenant tenant, CancellationToken cancellationToken)
    {
        var key = await issuer.RevokeAsync(tenant.Current, key_id, cancellationToken);
        return Results.Json(ApiKeyResources.From(key, issuer.Now), DurqJson.Context.ApiKeyResource);
    }
}

/// <summary>How a stored key is shown: never its secret or its hash.</summary>
internal static class ApiKeyResources
{
    public static ApiKeyResource From(ApiKey key, DateTimeOffset now) => new()
    {
        Id = key.Id,
        Tenant = key.Tenant,
        Name = key.Name,
        Scopes = key.Scopes,
        Status = key.StatusAt(now),
        CreatedAt = key.CreatedAt,
        ExpiresAt = key.ExpiresAt,
        RevokedAt = key.RevokedAt,
    };
}
