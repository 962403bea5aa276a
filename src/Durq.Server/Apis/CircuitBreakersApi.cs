using Durq.Contracts;
using Durq.Core.Errors;
using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Server.Http;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Durq.Server.Apis;

/// <summary><c>/circuit-breakers</c>: each activity type's breaker, and an operator's open, close and remove.</summary>
public static class CircuitBreakersApi
{
    public static RouteGroupBuilder MapCircuitBreakersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/circuit-breakers").WithTags("Circuit breakers");
        group.MapGet("", ListAsync).WithName("ListCircuitBreakers")
            .Produces<CircuitListResponse>().ProducesProblems();
        group.MapGet("/{activity_type}", GetAsync).WithName("GetCircuitBreaker")
            .Produces<CircuitResource>().ProducesProblems(400, 404);
        group.MapPost("/{activity_type}/open", (string activity_type, ActivityTypeService types, CancellationToken cancellationToken) =>
                CommandAsync(activity_type, CircuitCommand.ForceOpen, types, cancellationToken))
            .WithName("OpenCircuitBreaker")
            .Produces<CircuitResource>().ProducesProblems(400);
        group.MapPost("/{activity_type}/close", (string activity_type, ActivityTypeService types, CancellationToken cancellationToken) =>
                CommandAsync(activity_type, CircuitCommand.Close, types, cancellationToken))
            .WithName("CloseCircuitBreaker")
            .Produces<CircuitResource>().ProducesProblems(400);
        group.MapDelete("/{activity_type}", DeleteAsync).WithName("DeleteCircuitBreaker")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400);
        return group;
    }

    private static async Task<IResult> ListAsync(ActivityTypeService types, CancellationToken cancellationToken)
    {
        var list = await types.ListAsync(cancellationToken);
        var breakers = list.Select(t => t.State).Where(HasBreaker).Select(ActivityTypeResources.Circuit);
        return Results.Json(new CircuitListResponse([.. breakers]), DurqJson.Context.CircuitListResponse);
    }

    private static async Task<IResult> GetAsync(string activity_type, ActivityTypeService types, CancellationToken cancellationToken)
    {
        var activityType = RouteActivityTypes.Parse(activity_type);
        var state = (await types.GetAsync(activityType, cancellationToken)).State;
        return HasBreaker(state)
            ? Results.Json(ActivityTypeResources.Circuit(state), DurqJson.Context.CircuitResource)
            : throw new NotFoundException("circuit breaker", activityType);
    }

    private static async Task<IResult> CommandAsync(string activity_type, CircuitCommand command, ActivityTypeService types, CancellationToken cancellationToken)
    {
        var state = await types.SetCircuitAsync(RouteActivityTypes.Parse(activity_type), command, cancellationToken);
        return Results.Json(ActivityTypeResources.Circuit(state), DurqJson.Context.CircuitResource);
    }

    private static async Task<IResult> DeleteAsync(string activity_type, ActivityTypeService types, CancellationToken cancellationToken)
    {
        await types.SetCircuitAsync(RouteActivityTypes.Parse(activity_type), CircuitCommand.Remove, cancellationToken);
        return Results.NoContent();
    }

    /// <summary>A type has a breaker to show when one is set for it, or when it is not closed and at rest.</summary>
    private static bool HasBreaker(ActivityTypeState state) => state.Settings.Circuit is not null || !state.Circuit.IsAtRest;
}
