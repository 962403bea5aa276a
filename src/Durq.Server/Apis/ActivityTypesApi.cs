using Durq.Contracts;
using Durq.Core.Validation;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary><c>/activity-types</c>: each type's live counts, and the settings every node's claims obey.</summary>
public static class ActivityTypesApi
{
    public static RouteGroupBuilder MapActivityTypesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/activity-types").WithTags("Activity types");
        group.MapGet("", ListAsync).WithName("ListActivityTypes")
            .Produces<ActivityTypeListResponse>().ProducesProblems();
        group.MapGet("/{activity_type}", GetAsync).WithName("GetActivityType")
            .Produces<ActivityTypeResource>().ProducesProblems(400);
        group.MapPut("/{activity_type}", SetAsync).WithName("SetActivityType")
            .Accepts<ActivityTypeSettingsRequest>("application/json")
            .Produces<ActivityTypeResource>().ProducesProblems(400, 413, 415, 422);
        return group;
    }

    private static async Task<IResult> ListAsync(ActivityTypeService types, CancellationToken cancellationToken)
    {
        var list = await types.ListAsync(cancellationToken);
        return Results.Json(new ActivityTypeListResponse([.. list.Select(ActivityTypeResources.From)]), DurqJson.Context.ActivityTypeListResponse);
    }

    private static async Task<IResult> GetAsync(string activity_type, ActivityTypeService types, CancellationToken cancellationToken)
    {
        var summary = await types.GetAsync(RouteActivityTypes.Parse(activity_type), cancellationToken);
        return Results.Json(ActivityTypeResources.From(summary), DurqJson.Context.ActivityTypeResource);
    }

    private static async Task<IResult> SetAsync(string activity_type, HttpContext context, ActivityTypeService types, IOptions<LimitsOptions> limits)
    {
        var activityType = RouteActivityTypes.Parse(activity_type);
        using var body = await RequestBodies.ReadJsonAsync(context, limits.Value.MaxRequestBytes);
        var request = ActivityTypeSettingsParser.Parse(body.RootElement, types.Tenant, activityType, types.Now);
        var summary = await types.SetAsync(request, context.RequestAborted);
        return Results.Json(ActivityTypeResources.From(summary), DurqJson.Context.ActivityTypeResource);
    }
}
