using Durq.Contracts;
using Durq.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Http;

/// <summary>
/// The one place errors become problem documents: domain errors and HTTP-level refusals by their code, routing's
/// bare 404 and 405 by status, and anything unexpected as a 500 that is logged with the request id and shows the
/// caller nothing of the stack or the SQL.
/// </summary>
internal sealed partial class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The caller went away; there is nobody to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            await Problems.WriteAsync(context, Translate(error, context));
            return;
        }

        // Routing answers these itself, with no body: unknown route, wrong method, and (for routes that declare
        // what they accept) a body that is not JSON.
        if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 or 415)
        {
            await Problems.WriteAsync(context, RoutingProblem(context));
        }
    }

    private ProblemDocument Translate(Exception error, HttpContext context)
    {
        switch (error)
        {
            case DurqException domain:
                // A storage fault is logged once, by the store, when it is first met; not again for each request it refuses.
                if (domain is StoreUnavailableException unavailable && !StorageFaults.IsFault(unavailable))
                {
                    LogUnavailable(unavailable.Cause ?? unavailable, context.TraceIdentifier);
                }

                return Problems.ForDomainError(domain, context);
            case HttpProblemException http:
                return Problems.ForHttpError(http, context);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return Problems.ForHttpError(RequestBodies.TooLarge(context), context);
            case BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout }:
                return Problems.Create(context, StatusCodes.Status408RequestTimeout, ProblemCodes.RequestTimeout,
                    "The request body arrived too slowly; the server stopped waiting for it.");
            case BadHttpRequestException bad:
                return Problems.Create(context, bad.StatusCode, ProblemCodes.BadRequest, "The request body could not be read: " + bad.Message);
            default:
                LogUnexpected(error, context.TraceIdentifier, context.Request.Method, context.Request.Path);
                return Problems.Create(context, StatusCodes.Status500InternalServerError, ProblemCodes.InternalError,
                    $"Durq failed to handle the request. The error is logged with request id {context.TraceIdentifier}.");
        }
    }

    private static ProblemDocument RoutingProblem(HttpContext context)
    {
        var request = context.Request;
        if (context.Response.StatusCode == 404)
        {
            return Problems.Create(context, 404, ProblemCodes.NotFound,
                $"No route matches {request.Method} {request.Path}. The API lives under /api/v1/durable; see /openapi/v1.json.");
        }

        if (context.Response.StatusCode == 415)
        {
            return Problems.ForHttpError(RequestBodies.UnsupportedMediaType(request.ContentType), context);
        }

        var allowed = context.Response.Headers.Allow.ToString();
        return Problems.Create(context, 405, ProblemCodes.MethodNotAllowed,
            $"{request.Method} is not allowed on {request.Path}; use {allowed}.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed unexpectedly")]
    private partial void LogUnexpected(Exception error, string requestId, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} was answered 503: the store is unavailable")]
    private partial void LogUnavailable(Exception error, string requestId);
}
