using Durq.Contracts;
using Durq.Core.Metrics;
using Durq.Core.Storage;
using Durq.Server.Http;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Durq.Server.Apis;

/// <summary>
/// <c>GET /metrics/timeseries?window=</c>: the caller's tenant's stored time series (<see cref="TimeSeries"/>) over the
/// window, answered from the store's samples, so every node gives the same answer.
/// </summary>
internal static class TimeSeriesApi
{
    public static IEndpointRouteBuilder MapTimeSeriesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(DurqRoutes.Prefix + "/metrics/timeseries", GetAsync).WithTags("Operations").WithName("GetTimeSeries")
            .Produces<TimeSeriesResponse>().ProducesProblems(400);
        return routes;
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, ITaskStore store, RequestTenant tenant, TimeProvider time, CancellationToken cancellationToken)
    {
        var window = Window(new QueryReader(http.Request.Query));
        var samples = await store.ListSamplesAsync(tenant.Current, TimeSeries.FirstSampleOf(time.GetUtcNow(), window), cancellationToken);
        var points = TimeSeries.Points(samples).Select(p => new TimeSeriesPointResource(
            p.Timestamp, p.Enqueued, p.Completed, p.Failed, p.Dead, p.Pending, p.Claimed, p.DlqSize, p.ActiveWorkers));
        return Results.Json(new TimeSeriesResponse((int)TimeSeries.Resolution.TotalSeconds, [.. points]), DurqJson.Context.TimeSeriesResponse);
    }

    private static TimeSpan Window(QueryReader query)
    {
        var text = query.Single("window") ?? TimeSeries.DefaultWindow;
        return TimeSeries.Windows.TryGetValue(text, out var window)
            ? window
            : throw QueryReader.Invalid("window", $"is '{text}', which is not a window the series keeps",
                $"Use one of: {string.Join(", ", TimeSeries.WindowNames)}.");
    }
}
