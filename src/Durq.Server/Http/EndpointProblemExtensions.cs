using Durq.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Http;

/// <summary>OpenAPI metadata: the problem document as the body of each listed error status.</summary>
internal static class EndpointProblemExtensions
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status500InternalServerError))
        {
            builder.Produces<ProblemDocument>(status, Problems.ContentType);
        }

        return builder;
    }

    public static IResult WithLocation(this IResult result, HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return result;
    }
}
