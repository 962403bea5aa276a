using System.Text.Json.Serialization.Metadata;
using Durq.Contracts;
using Durq.Core.Tasks;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Durq.Server.OpenApi;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary>The dead-letter queue: dead tasks, and putting them back to run again.</summary>
public static class DlqApi
{
    public static RouteGroupBuilder MapDlqApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/dlq").WithTags("Dead letters");
        group.MapGet("", ListAsync).WithName("ListDeadTasks").Produces<TaskListResponse>().ProducesProblems(400)
            .WithTaskListQuery([DurqTaskStatus.Dead.ToWire()], "May be left out: the dead-letter queue holds only dead tasks.");
        group.MapPost("/{task_id}/retry", RetryAsync).WithName("RetryDeadTask")
            .Produces<TaskResource>().ProducesProblems(400, 404, 409);
        group.MapPost("/retry", RetryAllAsync).WithName("RetryDeadTasks")
            .Accepts<RetryDeadTasksRequest>("application/json").Produces<RetryDeadTasksResponse>()
            .ProducesProblems(400, 413, 415, 422);
        group.MapPost("/purge", PurgeAsync).WithName("PurgeDeadTasks")
            .Accepts<PurgeDeadTasksRequest>("application/json").Produces<PurgeDeadTasksResponse>()
            .ProducesProblems(400, 413, 415, 422);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, QueueService queue)
    {
        var query = TaskListQuery.Read(context.Request.Query);
        if (query.Status is { } status && status != DurqTaskStatus.Dead)
        {
            throw QueryReader.Invalid("status", "cannot be used here: the dead-letter queue holds only dead tasks", "Leave 'status' out, or use GET /tasks.");
        }

        var page = await queue.ListTasksAsync(query with { Status = DurqTaskStatus.Dead }, context.RequestAborted);
        var response = new TaskListResponse(
            [.. page.Tasks.Select(t => TaskResources.From(t, includePayloads: false))],
            page.NextCursor is { } next ? TaskIds.Format(next) : null);
        return Results.Json(response, DurqJson.Context.TaskListResponse);
    }

    private static async Task<IResult> RetryAsync(string task_id, QueueService queue, CancellationToken cancellationToken)
    {
        var task = await queue.RetryDeadTaskAsync(RouteIds.ParseTaskId(task_id), cancellationToken);
        return Results.Json(TaskResources.From(task), DurqJson.Context.TaskResource);
    }

    private static async Task<IResult> RetryAllAsync(HttpContext context, QueueService queue, IOptions<LimitsOptions> limits)
    {
        var body = await ReadOptionalAsync(context, DurqJson.Context.RetryDeadTasksRequest, limits) ?? new RetryDeadTasksRequest();
        var filter = DeadTaskFilters.Read(body.ActivityType, body.ErrorType, body.All, "retry");
        var retried = await queue.RetryDeadTasksAsync(filter, context.RequestAborted);
        return Results.Json(new RetryDeadTasksResponse(retried), DurqJson.Context.RetryDeadTasksResponse);
    }

    private static async Task<IResult> PurgeAsync(HttpContext context, QueueService queue, IOptions<LimitsOptions> limits)
    {
        var body = await ReadOptionalAsync(context, DurqJson.Context.PurgeDeadTasksRequest, limits) ?? new PurgeDeadTasksRequest();
        var filter = DeadTaskFilters.Read(body.ActivityType, body.ErrorType, body.All, "purge");
        var deleted = await queue.PurgeDeadTasksAsync(filter, context.RequestAborted);
        return Results.Json(new PurgeDeadTasksResponse(deleted), DurqJson.Context.PurgeDeadTasksResponse);
    }

    /// <summary>The body, or null for none (which the filter then refuses with a hint, rather than a bare parse error).</summary>
    private static async Task<T?> ReadOptionalAsync<T>(HttpContext context, JsonTypeInfo<T> type, IOptions<LimitsOptions> limits)
        where T : class =>
        context.Request.ContentLength is 0 || (context.Request.ContentLength is null && context.Request.ContentType is null)
            ? null
            : await TypedBodies.ReadAsync(context, type, limits.Value.MaxRequestBytes);
}
