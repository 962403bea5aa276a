using Durq.Contracts;
using Durq.Core;
using Durq.Core.Storage;
using Durq.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary><c>GET /health</c>: live gauges, cumulative totals and a one-word verdict.</summary>
public static class HealthApi
{
    /// <summary>The share of the queue cap above which health turns to <c>warning</c>.</summary>
    public const double NearlyFull = 0.8;

    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DurqRoutes.Prefix + "/health", GetAsync).WithTags("Operations").WithName("GetHealth")
            .Produces<HealthResponse>();

    private static async Task<IResult> GetAsync(ITaskStore store, TimeProvider time, IOptions<QueueOptions> queue, CancellationToken cancellationToken)
    {
        var stats = await store.GetStatsAsync(Tenants.Default, cancellationToken);
        var workers = WorkerResources.Summarize(await store.ListWorkersAsync(Tenants.Default, cancellationToken), time.GetUtcNow());
        var response = new HealthResponse
        {
            Status = Verdict(stats, workers, queue.Value.MaxPending),
            PendingTasks = stats.PendingTasks,
            ClaimedTasks = stats.ClaimedTasks,
            DlqSize = stats.DeadTasks,
            Workers = new WorkerCounts(workers.Active, workers.Draining, workers.Stopped),
            TotalCapacity = workers.TotalCapacity,
            TotalLoad = workers.TotalLoad,
            CompletedTasks = stats.CompletedTasks,
            FailedAttempts = stats.FailedAttempts,
            StartedTasks = stats.StartedTasks,
        };
        return Results.Json(response, DurqJson.Context.HealthResponse);
    }

    /// <summary>
    /// <c>degraded</c>: work is waiting and no active worker can take it. <c>warning</c>: dead tasks wait for a person,
    /// or the queue is over 80% of its cap. Otherwise <c>healthy</c>.
    /// </summary>
    private static string Verdict(QueueStats stats, WorkerSummary workers, long maxPending)
    {
        if (stats.PendingTasks > 0 && workers.TotalCapacity == 0)
        {
            return "degraded";
        }

        return stats.DeadTasks > 0 || (maxPending > 0 && stats.PendingTasks >= maxPending * NearlyFull) ? "warning" : "healthy";
    }
}
