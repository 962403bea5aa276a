using Durq.Contracts;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Durq.Server.Apis;

/// <summary>
/// <c>GET /health</c>: live gauges, cumulative totals and a one-word verdict (<see cref="Core.Health.HealthPolicy"/>);
/// <c>GET /healthz</c>: liveness for load balancers and orchestrators, with no key and no data.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(DurqRoutes.Prefix + "/health", GetAsync).WithTags("Operations").WithName("GetHealth")
            .Produces<HealthResponse>();
        routes.MapGet(DurqRoutes.Prefix + "/healthz", () => Results.Json(new LivenessResponse("ok"), DurqJson.Context.LivenessResponse))
            .WithTags("Operations").WithName("Liveness").Produces<LivenessResponse>();
        return routes;
    }

    private static async Task<IResult> GetAsync(QueueService queue, CancellationToken cancellationToken) =>
        Results.Json(ToResponse(await queue.GetHealthAsync(cancellationToken)), DurqJson.Context.HealthResponse);

    /// <summary>The body of <c>/health</c> (also the event stream's <c>stats</c> events).</summary>
    internal static HealthResponse ToResponse(QueueHealth health)
    {
        var stats = health.Stats;
        var workers = health.Workers;
        var response = new HealthResponse
        {
            Status = health.Verdict.Status,
            Reasons = [.. health.Verdict.Reasons.Select(r => new Contracts.HealthReason(r.Code, r.Detail))],
            PendingTasks = stats.PendingTasks,
            ClaimedTasks = stats.ClaimedTasks,
            DlqSize = stats.DeadTasks,
            Workers = new WorkerCounts(workers.Active, workers.Draining, workers.Stopped),
            TotalCapacity = workers.Capacity,
            TotalLoad = workers.Load,
            CompletedTasks = stats.CompletedTasks,
            FailedAttempts = stats.FailedAttempts,
            StartedTasks = stats.StartedTasks,
        };
        return response;
    }
}
