using Durq.Contracts;
using Durq.Core.Tasks;
using Durq.Core.Validation;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Durq.Server.Observability;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary>The worker's side of a task: claim (with long-poll), heartbeat, complete, fail — each under a lease.</summary>
public static class LeasesApi
{
    public const int MaxTasksPerClaim = 500;
    public const int MaxWaitMs = 30_000;

    public static RouteGroupBuilder MapLeasesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/tasks").WithTags("Workers");
        group.MapPost("/claim", ClaimAsync).WithName("ClaimTasks")
            .Accepts<ClaimTasksRequest>("application/json").Produces<ClaimTasksResponse>()
            .ProducesProblems(400, 413, 415, 422, 503);
        group.MapPost("/{task_id}/heartbeat", HeartbeatAsync).WithName("HeartbeatTask")
            .Accepts<TaskHeartbeatRequest>("application/json").Produces<TaskHeartbeatResponse>()
            .ProducesProblems(400, 404, 409, 413, 415, 422);
        group.MapPost("/{task_id}/complete", CompleteAsync).WithName("CompleteTask")
            .Accepts<CompleteTaskRequest>("application/json").Produces<TaskResource>()
            .ProducesProblems(400, 404, 409, 413, 415, 422);
        group.MapPost("/complete", CompleteManyAsync).WithName("CompleteTasks")
            .Accepts<CompleteTasksRequest>("application/json").Produces<CompleteTasksResponse>()
            .ProducesProblems(400, 413, 415, 422);
        group.MapPost("/{task_id}/fail", FailAsync).WithName("FailTask")
            .Accepts<FailTaskRequest>("application/json").Produces<FailTaskResponse>()
            .ProducesProblems(400, 404, 409, 413, 415, 422);
        return group;
    }

    private static async Task<IResult> ClaimAsync(HttpContext context, QueueService queue, DurqTracing tracing, IOptions<LimitsOptions> limits)
    {
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.ClaimTasksRequest, limits.Value.MaxRequestBytes, Check);
        var wait = TimeSpan.FromMilliseconds(request.WaitMs ?? 0);
        using var span = tracing.StartClaim(request.ActivityTypes);
        var claimed = await queue.ClaimAsync(request.WorkerId, request.ActivityTypes, request.MaxTasks ?? 1, wait, context.RequestAborted);
        DurqTracing.Claimed(span, claimed);
        return Results.Json(new ClaimTasksResponse([.. claimed.Select(TaskResources.Claimed)]), DurqJson.Context.ClaimTasksResponse);
    }

    /// <summary>A claim's rules; <c>max_tasks</c> defaults to 1 and <c>wait_ms</c> to 0.</summary>
    private static void Check(ClaimTasksRequest request, List<ValidationError> errors)
    {
        WorkerRequestRules.CheckWorkerId(request.WorkerId, errors);
        WorkerRequestRules.CheckActivityTypes(request.ActivityTypes, errors);
        WorkerRequestRules.CheckRange(request.MaxTasks ?? 1, "max_tasks", 1, MaxTasksPerClaim, errors);
        WorkerRequestRules.CheckRange(request.WaitMs ?? 0, "wait_ms", 0, MaxWaitMs, errors);
    }

    private static async Task<IResult> HeartbeatAsync(
        string task_id, HttpContext context, QueueService queue, IOptions<WorkersOptions> workers)
    {
        var id = RouteIds.ParseTaskId(task_id);
        var request = await TypedBodies.ReadAsync(
            context, DurqJson.Context.TaskHeartbeatRequest, workers.Value.MaxResultBytes + 4096, (r, errors) => WorkerRequestRules.CheckLeaseId(r.LeaseId, errors));
        var details = CheckSize(request.Details, "details", workers.Value.MaxResultBytes);
        var lease = await queue.HeartbeatTaskAsync(id, WorkerRequestRules.LeaseId(request.LeaseId), details, context.RequestAborted);
        return Results.Json(new TaskHeartbeatResponse(lease.LeaseExpiresAt, lease.ShouldCancel), DurqJson.Context.TaskHeartbeatResponse);
    }

    private static async Task<IResult> CompleteAsync(
        string task_id, HttpContext context, QueueService queue, IOptions<WorkersOptions> workers)
    {
        var id = RouteIds.ParseTaskId(task_id);
        var request = await TypedBodies.ReadAsync(
            context, DurqJson.Context.CompleteTaskRequest, workers.Value.MaxResultBytes + 4096, (r, errors) => WorkerRequestRules.CheckLeaseId(r.LeaseId, errors));
        var result = CheckSize(request.Result, "result", workers.Value.MaxResultBytes);
        var task = await queue.CompleteTaskAsync(id, WorkerRequestRules.LeaseId(request.LeaseId), result, context.RequestAborted);
        return Results.Json(TaskResources.From(task), DurqJson.Context.TaskResource);
    }

    /// <summary>
    /// Many completions in one request and one write — what a busy worker sends instead of one request per task.
    /// Each completion stands alone: a lost lease refuses that one and not the rest.
    /// </summary>
    private static async Task<IResult> CompleteManyAsync(
        HttpContext context, QueueService queue, IOptions<LimitsOptions> limits, IOptions<WorkersOptions> workers)
    {
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.CompleteTasksRequest, limits.Value.MaxRequestBytes);
        var completions = BatchCompletions.Read(request, workers.Value.MaxResultBytes);
        var outcomes = await queue.CompleteTasksAsync(completions, context.RequestAborted);
        return Results.Json(new CompleteTasksResponse([.. outcomes.Select(BatchCompletions.Describe)]), DurqJson.Context.CompleteTasksResponse);
    }

    private static async Task<IResult> FailAsync(
        string task_id, HttpContext context, QueueService queue, IOptions<LimitsOptions> limits)
    {
        var id = RouteIds.ParseTaskId(task_id);
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.FailTaskRequest, limits.Value.MaxRequestBytes, CheckFailure);
        var failure = await queue.FailTaskAsync(
            id, WorkerRequestRules.LeaseId(request.LeaseId), request.Error.Type, request.Error.Message!, request.Retryable ?? true,
            context.RequestAborted);
        return Results.Json(new FailTaskResponse(failure.Status.ToWire(), failure.WillRetry, failure.NextVisibleAt), DurqJson.Context.FailTaskResponse);
    }

    private static void CheckFailure(FailTaskRequest request, List<ValidationError> errors)
    {
        WorkerRequestRules.CheckLeaseId(request.LeaseId, errors);
        if (request.Error is null)
        {
            return; // Named as a missing required member already.
        }

        if (request.Error.Message is null)
        {
            errors.Add(new ValidationError("error.message", "is required", "Send the error as {\"message\": \"...\", \"type\": \"...\"}."));
        }

        WorkerRequestRules.CheckIdentifier(request.Error.Type, "error.type", errors);
    }

    internal static string? CheckSize(RawJson? json, string field, int maxBytes)
    {
        if (json is not { } value)
        {
            return null;
        }

        var size = System.Text.Encoding.UTF8.GetByteCount(value.Json);
        return size <= maxBytes
            ? value.Json
            : throw TypedBodies.Invalid(field, $"is {size} bytes; the limit is {maxBytes}", $"Send a '{field}' of at most {maxBytes} bytes, or store it elsewhere and send a reference.");
    }
}
