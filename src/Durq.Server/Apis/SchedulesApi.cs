using Durq.Contracts;
using Durq.Core.Scheduling;
using Durq.Core.Tasks;
using Durq.Core.Validation;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Durq.Server.OpenApi;
using Durq.Server.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary><c>/schedules</c>: recurring tasks (cron in a time zone), their pause, resume and trigger, and their executions.</summary>
public static class SchedulesApi
{
    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/schedules").WithTags("Schedules");
        group.MapPost("", CreateAsync).WithName("CreateSchedule")
            .Accepts<CreateScheduleRequest>("application/json")
            .Produces<ScheduleResource>(StatusCodes.Status201Created)
            .ProducesProblems(400, 409, 413, 415, 422)
            .WithLocation(DurqRoutes.Prefix + "/schedules/{schedule_id}");
        group.MapGet("", ListAsync).WithName("ListSchedules")
            .Produces<ScheduleListResponse>().ProducesProblems(400)
            .WithPageQuery("Schedules oldest first.");
        group.MapGet("/{schedule_id}", GetAsync).WithName("GetSchedule")
            .Produces<ScheduleResource>().ProducesProblems(400, 404);
        group.MapPatch("/{schedule_id}", UpdateAsync).WithName("UpdateSchedule")
            .Accepts<UpdateScheduleRequest>("application/json")
            .Produces<ScheduleResource>().ProducesProblems(400, 404, 409, 413, 415, 422);
        group.MapDelete("/{schedule_id}", DeleteAsync).WithName("DeleteSchedule")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 404);
        group.MapPost("/{schedule_id}/pause", (string schedule_id, ScheduleService schedules, CancellationToken cancellationToken) =>
            ChangeAsync(schedule_id, SchedulePatch.Pause, schedules, cancellationToken)).WithName("PauseSchedule")
            .Produces<ScheduleResource>().ProducesProblems(400, 404);
        group.MapPost("/{schedule_id}/resume", (string schedule_id, ScheduleService schedules, CancellationToken cancellationToken) =>
            ChangeAsync(schedule_id, SchedulePatch.Resume, schedules, cancellationToken)).WithName("ResumeSchedule")
            .Produces<ScheduleResource>().ProducesProblems(400, 404);
        group.MapPost("/{schedule_id}/trigger", TriggerAsync).WithName("TriggerSchedule")
            .Produces<ScheduleExecutionResource>().ProducesProblems(400, 404);
        group.MapGet("/{schedule_id}/executions", ListExecutionsAsync).WithName("ListScheduleExecutions")
            .Produces<ScheduleExecutionListResponse>().ProducesProblems(400, 404)
            .WithPageQuery("Executions newest fire time first.");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ScheduleService schedules, IOptions<LimitsOptions> limits)
    {
        using var body = await RequestBodies.ReadJsonAsync(context, limits.Value.MaxRequestBytes);
        var schedule = ScheduleRequestParser.ParseCreate(body.RootElement, schedules.Tenant, schedules.Now, Limits(limits));
        var created = await schedules.CreateAsync(schedule, context.RequestAborted);
        return Results.Json(ScheduleResources.From(created), DurqJson.Context.ScheduleResource, statusCode: StatusCodes.Status201Created)
            .WithLocation(context, ScheduleResources.Location(created.Id));
    }

    private static async Task<IResult> ListAsync(HttpContext context, ScheduleService schedules)
    {
        var reader = new QueryReader(context.Request.Query);
        var limit = reader.Integer("limit", 1, TaskListQuery.MaxLimit, TaskListQuery.DefaultLimit);
        var after = reader.Single("cursor") is { } cursor
            ? TaskIds.TryParse(cursor, out var id) ? id : throw QueryReader.Invalid("cursor", "is not a cursor this server issued",
                "Pass the 'next_cursor' of the previous page unchanged, or leave it out.")
            : (Guid?)null;
        var page = await schedules.ListAsync(limit, after, context.RequestAborted);
        return Results.Json(
            new ScheduleListResponse([.. page.Schedules.Select(ScheduleResources.From)], page.NextCursor is { } next ? TaskIds.Format(next) : null),
            DurqJson.Context.ScheduleListResponse);
    }

    private static async Task<IResult> GetAsync(string schedule_id, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var schedule = await schedules.GetAsync(RouteIds.ParseScheduleId(schedule_id), cancellationToken);
        return Results.Json(ScheduleResources.From(schedule), DurqJson.Context.ScheduleResource);
    }

    private static async Task<IResult> UpdateAsync(string schedule_id, HttpContext context, ScheduleService schedules, IOptions<LimitsOptions> limits)
    {
        var id = RouteIds.ParseScheduleId(schedule_id);
        using var body = await RequestBodies.ReadJsonAsync(context, limits.Value.MaxRequestBytes);
        var current = await schedules.GetAsync(id, context.RequestAborted);
        var patch = ScheduleRequestParser.ParsePatch(body.RootElement, current, schedules.Now, Limits(limits));
        return await ChangeAsync(schedule_id, patch, schedules, context.RequestAborted);
    }

    private static async Task<IResult> ChangeAsync(string schedule_id, SchedulePatch change, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var updated = await schedules.UpdateAsync(RouteIds.ParseScheduleId(schedule_id), change, cancellationToken);
        return Results.Json(ScheduleResources.From(updated), DurqJson.Context.ScheduleResource);
    }

    private static async Task<IResult> DeleteAsync(string schedule_id, ScheduleService schedules, CancellationToken cancellationToken)
    {
        await schedules.DeleteAsync(RouteIds.ParseScheduleId(schedule_id), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> TriggerAsync(string schedule_id, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var execution = await schedules.TriggerAsync(RouteIds.ParseScheduleId(schedule_id), cancellationToken);
        return Results.Json(ScheduleResources.From(execution), DurqJson.Context.ScheduleExecutionResource);
    }

    private static async Task<IResult> ListExecutionsAsync(string schedule_id, HttpContext context, ScheduleService schedules)
    {
        var id = RouteIds.ParseScheduleId(schedule_id);
        var reader = new QueryReader(context.Request.Query);
        var limit = reader.Integer("limit", 1, TaskListQuery.MaxLimit, TaskListQuery.DefaultLimit);
        var page = await schedules.ListExecutionsAsync(id, limit, ScheduleResources.ParseCursor(reader.Single("cursor")), context.RequestAborted);
        return Results.Json(
            new ScheduleExecutionListResponse([.. page.Executions.Select(ScheduleResources.From)], ScheduleResources.Cursor(page.Last)),
            DurqJson.Context.ScheduleExecutionListResponse);
    }

    private static EnqueueLimits Limits(IOptions<LimitsOptions> limits) => new(limits.Value.MaxInputBytes);
}
