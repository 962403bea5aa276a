using Durq.Contracts;
using Durq.Core;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Validation;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Durq.Server.Queue;
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
            .ProducesProblems(400, 413, 415, 422);
        group.MapPost("/{worker_id}/heartbeat", HeartbeatAsync).WithName("HeartbeatWorker")
            .Accepts<WorkerHeartbeatRequest>("application/json").Produces<WorkerHeartbeatResponse>()
            .ProducesProblems(400, 404, 413, 415, 422);
        group.MapDelete("/{worker_id}", DeregisterAsync).WithName("DeregisterWorker")
            .Produces<DeregisterWorkerResponse>().ProducesProblems(400, 404);
        group.MapPost("/{worker_id}/drain", (string worker_id, ITaskStore store, TimeProvider time, CancellationToken ct) =>
                SetDrainingAsync(worker_id, true, store, time, ct))
            .WithName("DrainWorker").Produces<WorkerResource>().ProducesProblems(400, 404);
        group.MapPost("/{worker_id}/resume", (string worker_id, ITaskStore store, TimeProvider time, CancellationToken ct) =>
                SetDrainingAsync(worker_id, false, store, time, ct))
            .WithName("ResumeWorker").Produces<WorkerResource>().ProducesProblems(400, 404);
        group.MapGet("", ListAsync).WithName("ListWorkers").Produces<WorkerListResponse>().ProducesProblems();
        return group;
    }

    private static async Task<IResult> RegisterAsync(
        string worker_id, HttpContext context, ITaskStore store, TimeProvider time, IOptions<LimitsOptions> limits)
    {
        var id = RouteWorkerIds.Parse(worker_id);
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.RegisterWorkerRequest, limits.Value.MaxRequestBytes);
        var errors = new List<ValidationError>();
        WorkerRequestRules.CheckActivityTypes(request.ActivityTypes, errors);
        var maxConcurrency = request.MaxConcurrency ?? 1;
        WorkerRequestRules.CheckRange(maxConcurrency, "max_concurrency", 1, MaxConcurrency, errors);
        CheckLength(request.WorkerGroup, "worker_group", errors);
        CheckLength(request.Hostname, "hostname", errors);
        CheckLength(request.Version, "version", errors);
        WorkerRequestRules.ThrowIfAny(errors);
        var now = time.GetUtcNow();
        var worker = await store.RegisterWorkerAsync(
            new RegisterWorkerParams(Tenants.Default, id, request.ActivityTypes, maxConcurrency, request.WorkerGroup,
                request.Hostname, request.Version, Rfc3339.ToStoredPrecision(now)),
            context.RequestAborted);
        return Results.Json(WorkerResources.From(worker, now), DurqJson.Context.WorkerResource);
    }

    private static async Task<IResult> HeartbeatAsync(
        string worker_id, HttpContext context, ITaskStore store, TimeProvider time, IOptions<LimitsOptions> limits)
    {
        var id = RouteWorkerIds.Parse(worker_id);
        var request = await TypedBodies.ReadAsync(context, DurqJson.Context.WorkerHeartbeatRequest, limits.Value.MaxRequestBytes);
        var errors = new List<ValidationError>();
        WorkerRequestRules.CheckRange(request.CurrentLoad, "current_load", 0, MaxConcurrency, errors);
        WorkerRequestRules.ThrowIfAny(errors);
        var worker = await store.HeartbeatWorkerAsync(
            new WorkerHeartbeatParams(Tenants.Default, id, request.CurrentLoad, Rfc3339.ToStoredPrecision(time.GetUtcNow())),
            context.RequestAborted);
        return Results.Json(new WorkerHeartbeatResponse(worker.Draining), DurqJson.Context.WorkerHeartbeatResponse);
    }

    private static async Task<IResult> DeregisterAsync(
        string worker_id, ITaskStore store, TaskSignals signals, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = RouteWorkerIds.Parse(worker_id);
        var released = await store.DeregisterWorkerAsync(
            new DeregisterWorkerParams(Tenants.Default, id, Rfc3339.ToStoredPrecision(time.GetUtcNow())), cancellationToken);
        foreach (var activityType in released.Where(t => t.Status == DurqTaskStatus.Pending).Select(t => t.ActivityType).Distinct())
        {
            signals.Notify(Tenants.Default, activityType);
        }

        return Results.Json(new DeregisterWorkerResponse(released.Count), DurqJson.Context.DeregisterWorkerResponse);
    }

    private static async Task<IResult> SetDrainingAsync(
        string workerId, bool draining, ITaskStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = RouteWorkerIds.Parse(workerId);
        var now = time.GetUtcNow();
        var worker = await store.SetWorkerDrainingAsync(
            new SetWorkerDrainingParams(Tenants.Default, id, draining, Rfc3339.ToStoredPrecision(now)), cancellationToken);
        return Results.Json(WorkerResources.From(worker, now), DurqJson.Context.WorkerResource);
    }

    private static async Task<IResult> ListAsync(ITaskStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var workers = await store.ListWorkersAsync(Tenants.Default, cancellationToken);
        var now = time.GetUtcNow();
        var response = new WorkerListResponse(
            [.. workers.Select(w => WorkerResources.From(w, now))], WorkerResources.Summarize(workers, now));
        return Results.Json(response, DurqJson.Context.WorkerListResponse);
    }

    private static void CheckLength(string? value, string field, List<ValidationError> errors)
    {
        if (value is { Length: > 200 })
        {
            errors.Add(new ValidationError(field, "must be at most 200 characters long", $"Shorten '{field}' to <= 200 chars."));
        }
    }
}
