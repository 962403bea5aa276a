using Durq.Contracts;
using Durq.Core.Validation;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Durq.Server.Logs;
using Durq.Server.OpenApi;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary>Worker registration, heartbeats, draining and the worker list.</summary>
public static class WorkersApi
{
    public const int MaxConcurrency = 10_000;

    public static RouteGroupBuilder MapWorkersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DurqRoutes.Prefix + "/workers").WithTags("Workers");
        group.MapPut("/{worker_id}", RegisterAsync).WithName("RegisterWorker")
            .Accepts<RegisterWorkerRequest>("application/json").Produces<WorkerResource>()
            .ProducesProblems(400, 413, 415, 422, 429);
        group.MapPost("/{worker_id}/heartbeat", HeartbeatAsync).WithName("HeartbeatWorker")
            .Accepts<WorkerHeartbeatRequest>("application/json").Produces<WorkerHeartbeatResponse>()
            .ProducesProblems(400, 404, 413, 415, 422);
        group.MapDelete("/{worker_id}", DeregisterAsync).WithName("DeregisterWorker")
            .Produces<DeregisterWorkerResponse>().ProducesProblems(400, 404);
        group.MapPost("/{worker_id}/drain", (string worker_id, QueueService queue, WorkerLog log, CancellationToken ct) =>
                SetDrainingAsync(worker_id, true, queue, log, ct))
            .WithName("DrainWorker").Produces<WorkerResource>().ProducesProblems(400, 404);
        group.MapPost("/{worker_id}/resume", (string worker_id, QueueService queue, WorkerLog log, CancellationToken ct) =>
                SetDrainingAsync(worker_id, false, queue, log, ct))
            .WithName("ResumeWorker").Produces<WorkerResource>().ProducesProblems(400, 404);
        group.MapGet("", ListAsync).WithName("ListWorkers").Produces<WorkerListResponse>().ProducesProblems(400)
            .WithPageQuery("Workers in id order; the summary counts all of them.");
        return group;
    }

    private static async Task<IResult> RegisterAsync(
        string worker_id, HttpContext context, QueueService queue, WorkerLog log, IOptions<LimitsOptions> limits)
    {
        var id = RouteWorkerIds.Parse(worker_id);
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.RegisterWorkerRequest, limits.Value.MaxRequestBytes, CheckRegistration);
        var worker = await queue.RegisterWorkerAsync(
            new WorkerRegistration(id, request.ActivityTypes, request.MaxConcurrency ?? 1, request.WorkerGroup, request.Hostname, request.Version),
            context.RequestAborted);
        log.Registered(worker);
        return Results.Json(WorkerResources.From(worker, queue.UtcNow), DurqJson.Context.WorkerResource);
    }

    /// <summary>A registration's rules; <c>max_concurrency</c> defaults to 1.</summary>
    private static void CheckRegistration(RegisterWorkerRequest request, List<ValidationError> errors)
    {
        WorkerRequestRules.CheckActivityTypes(request.ActivityTypes, errors);
        WorkerRequestRules.CheckRange(request.MaxConcurrency ?? 1, "max_concurrency", 1, MaxConcurrency, errors);
        WorkerRequestRules.CheckDescription(request.WorkerGroup, "worker_group", errors);
        WorkerRequestRules.CheckDescription(request.Hostname, "hostname", errors);
        WorkerRequestRules.CheckDescription(request.Version, "version", errors);
    }

    private static async Task<IResult> HeartbeatAsync(
        string worker_id, HttpContext context, QueueService queue, IOptions<LimitsOptions> limits)
    {
        var id = RouteWorkerIds.Parse(worker_id);
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.WorkerHeartbeatRequest, limits.Value.MaxRequestBytes);
        var errors = new List<ValidationError>();
        WorkerRequestRules.CheckRange(request.CurrentLoad, "current_load", 0, MaxConcurrency, errors);
        WorkerRequestRules.ThrowIfAny(errors);
        var worker = await queue.HeartbeatWorkerAsync(id, request.CurrentLoad, context.RequestAborted);
        return Results.Json(new WorkerHeartbeatResponse(worker.Draining), DurqJson.Context.WorkerHeartbeatResponse);
    }

    private static async Task<IResult> DeregisterAsync(
        string worker_id, QueueService queue, RequestTenant tenant, WorkerLog log, CancellationToken cancellationToken)
    {
        var id = RouteWorkerIds.Parse(worker_id);
        var released = await queue.DeregisterWorkerAsync(id, cancellationToken);
        log.Deregistered(tenant.Current, id, released.Count);
        return Results.Json(new DeregisterWorkerResponse(released.Count), DurqJson.Context.DeregisterWorkerResponse);
    }

    private static async Task<IResult> SetDrainingAsync(
        string workerId, bool draining, QueueService queue, WorkerLog log, CancellationToken cancellationToken)
    {
        var worker = await queue.SetWorkerDrainingAsync(RouteWorkerIds.Parse(workerId), draining, cancellationToken);
        if (draining)
        {
            log.Drained(worker);
        }
        else
        {
            log.Resumed(worker);
        }
        return Results.Json(WorkerResources.From(worker, queue.UtcNow), DurqJson.Context.WorkerResource);
    }

    /// <summary>A page of workers in id order; the summary counts all the tenant's workers, by one aggregate query.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, QueueService queue)
    {
        var (limit, after) = WorkerListQuery.Read(context.Request.Query);
        var page = await queue.ListWorkersAsync(limit, after, context.RequestAborted);
        var summary = await queue.SummarizeWorkersAsync(context.RequestAborted);
        var now = queue.UtcNow;
        var response = new WorkerListResponse([.. page.Workers.Select(w => WorkerResources.From(w, now))], WorkerResources.Summarize(summary))
        {
            NextCursor = WorkerListQuery.Cursor(page.NextAfter),
        };
        return Results.Json(response, DurqJson.Context.WorkerListResponse);
    }
}
