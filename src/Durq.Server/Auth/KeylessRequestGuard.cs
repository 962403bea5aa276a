using Durq.Core.Errors;
using Durq.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Auth;

/// <summary>
/// Refuses a keyless request that changes state unless it says its body is JSON. A web page can make a browser send a
/// form or <c>text/plain</c> post to any address, cookies or not, but not one with <c>Content-Type: application/json</c>
/// (that needs a CORS preflight, which Durq never grants): so a page the user visits cannot drive a keyless Durq.
/// Requests with a key need no such check: a browser never adds an <c>Authorization</c> header on its own.
/// </summary>
internal sealed class KeylessRequestGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (ApiCaller.Of(context.User) is { IsAnonymous: true }
            && RouteScopes.Of(context.GetEndpoint()) is not null
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            && !RequestBodies.IsJsonMediaType(request.ContentType))
        {
            throw new HttpProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                $"A request without an API key that changes state must carry 'Content-Type: application/json' (it had " +
                $"{(request.ContentType is null ? "none" : $"'{request.ContentType}'")}), so that no web page can send it.",
                "Send the header 'Content-Type: application/json' (the body may be empty), or send an API key.");
        }

        return next(context);
    }
}
