using Durq.Contracts;
using Durq.Core.Tasks;
using Durq.Core.Validation;
using Durq.Server.Http;
using Durq.Server.Observability;
using Durq.Server.OpenApi;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Durq.Server.Apis;

/// <summary>The task routes of API.md: enqueue (single and batch), read, list, cancel.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/tasks").WithTags("Tasks");
        group.MapPost("", EnqueueAsync).WithName("EnqueueTask")
            .Accepts<EnqueueTaskRequest>("application/json")
            .Produces<EnqueueTaskResponse>(StatusCodes.Status201Created)
            .Produces<EnqueueTaskResponse>(StatusCodes.Status200OK)
            .ProducesProblems(400, 409, 413, 415, 422, 429, 503)
            .WithEnqueueHeaders().WithLocation(DurqRoutes.Prefix + "/tasks/{task_id}");
        group.MapPost("/batch", EnqueueBatchAsync).WithName("EnqueueTasks")
            .Accepts<EnqueueBatchRequest>("application/json")
            .Produces<EnqueueBatchResponse>(StatusCodes.Status201Created)
            .Produces<EnqueueBatchResponse>(StatusCodes.Status200OK)
            .ProducesProblems(400, 409, 413, 415, 422, 429, 503)
            .WithEnqueueHeaders();
        group.MapGet("/{task_id}", GetAsync).WithName("GetTask")
            .Produces<TaskResource>()
            .ProducesProblems(400, 404);
        group.MapGet("", ListAsync).WithName("ListTasks")
            .Produces<TaskListResponse>()
            .ProducesProblems(400)
            .WithTaskListQuery(DurqTaskStatusNames.All, "Only tasks in this state.");
        group.MapPost("/{task_id}/cancel", CancelAsync).WithName("CancelTask")
            .Produces<TaskResource>()
            .ProducesProblems(400, 404, 409);
        group.MapGet("/{task_id}/explain", ExplainAsync).WithName("ExplainTask")
            .Produces<TaskExplanationResponse>()
            .ProducesProblems(400, 404);
        group.MapDelete("/{task_id}", DeleteAsync).WithName("DeleteTask")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(400, 404, 409);
        return group;
    }

    private static async Task<IResult> EnqueueAsync(HttpContext context, TaskEnqueuer enqueuer)
    {
        using var body = await RequestBodies.ReadJsonAsync(context, enqueuer.MaxRequestBytes);
        var now = enqueuer.Now;
        var header = Traceparent(context);
        using var producer = enqueuer.Tracing.StartEnqueue(header);
        var task = EnqueueRequestParser.Parse(body.RootElement, now, enqueuer.Limits, DurqTracing.TraceparentOf(producer, header));
        DurqTracing.Describe(producer, [task]);
        var result = await enqueuer.EnqueueAsync(context, [task], body.RootElement, now);
        var id = result.TaskIds[0];
        var response = new EnqueueTaskResponse(TaskIds.Format(id));
        return result.Replayed
            ? Results.Json(response, DurqJson.Context.EnqueueTaskResponse)
            : Results.Json(response, DurqJson.Context.EnqueueTaskResponse, statusCode: StatusCodes.Status201Created)
                .WithLocation(context, Problems.TaskLocation(id));
    }

    private static async Task<IResult> EnqueueBatchAsync(HttpContext context, TaskEnqueuer enqueuer)
    {
        using var body = await RequestBodies.ReadJsonAsync(context, enqueuer.MaxRequestBytes);
        var now = enqueuer.Now;
        var header = Traceparent(context);
        using var producer = enqueuer.Tracing.StartEnqueue(header);
        var tasks = EnqueueRequestParser.ParseBatch(body.RootElement, now, enqueuer.Limits, DurqTracing.TraceparentOf(producer, header));
        DurqTracing.Describe(producer, tasks);
        var result = await enqueuer.EnqueueAsync(context, tasks, body.RootElement, now);
        var response = new EnqueueBatchResponse([.. result.TaskIds.Select(TaskIds.Format)]);
        return Results.Json(response, DurqJson.Context.EnqueueBatchResponse,
            statusCode: result.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string task_id, QueueService queue, CancellationToken cancellationToken)
    {
        var task = await queue.GetTaskAsync(RouteIds.ParseTaskId(task_id), cancellationToken);
        return Results.Json(TaskResources.From(task), DurqJson.Context.TaskResource);
    }

    private static async Task<IResult> ListAsync(HttpContext context, QueueService queue)
    {
        var page = await queue.ListTasksAsync(TaskListQuery.Read(context.Request.Query), context.RequestAborted);
        var response = new TaskListResponse(
            [.. page.Tasks.Select(t => TaskResources.From(t, includePayloads: false))],
            page.NextCursor is { } next ? TaskIds.Format(next) : null);
        return Results.Json(response, DurqJson.Context.TaskListResponse);
    }

    private static async Task<IResult> ExplainAsync(string task_id, QueueService queue, CancellationToken cancellationToken)
    {
        var explanation = await queue.ExplainTaskAsync(RouteIds.ParseTaskId(task_id), cancellationToken);
        return Results.Json(TaskExplanations.From(explanation), DurqJson.Context.TaskExplanationResponse);
    }

    private static async Task<IResult> DeleteAsync(string task_id, QueueService queue, CancellationToken cancellationToken)
    {
        await queue.DeleteTaskAsync(RouteIds.ParseTaskId(task_id), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> CancelAsync(string task_id, QueueService queue, CancellationToken cancellationToken)
    {
        var task = await queue.CancelTaskAsync(RouteIds.ParseTaskId(task_id), cancellationToken);
        return Results.Json(TaskResources.From(task), DurqJson.Context.TaskResource);
    }

    private static string? Traceparent(HttpContext context) =>
        context.Request.Headers.TryGetValue("traceparent", out var value) && value.Count == 1 && W3CTraceparent.IsValid(value[0])
            ? value[0]
            : null;
}
