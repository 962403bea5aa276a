using Durq.Core.Errors;
using Durq.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Durq.Server.Auth;

/// <summary>
/// Answers a request that authorization refused with a problem document: 401 <c>unauthorized</c> (with
/// <c>WWW-Authenticate: Bearer</c>) when there is no usable key, 403 <c>forbidden</c> naming the missing scope.
/// </summary>
internal sealed class AuthorizationProblems : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            // The handler keeps its result for the request, so asking again runs nothing twice.
            var authentication = await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
            var reason = authentication.Failure?.Message ?? "This request needs an API key: send 'Authorization: Bearer <key>'.";
            await Write(context, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, reason,
                "Send 'Authorization: Bearer <key>' with a valid key; 'durq keys create' makes one.");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var scope = RouteScopes.Of(context.GetEndpoint()) ?? "?";
            var caller = ApiCaller.Of(context.User);
            var held = caller is null ? "none" : string.Join(", ", caller.Scopes);
            await Write(context, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                $"{context.Request.Method} {context.Request.Path} needs the '{scope}' scope; {caller?.Describe() ?? "the key"} has {held}.",
                $"Use a key with the '{scope}' scope (or 'admin').");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static Task Write(HttpContext context, int status, string code, string detail, string hint) =>
        Problems.WriteAsync(context, Problems.ForHttpError(new HttpProblemException(status, code, detail, hint), context));
}
