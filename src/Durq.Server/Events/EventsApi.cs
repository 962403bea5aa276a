using Durq.Server.Apis;
using Durq.Server.Http;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Durq.Server.Events;

/// <summary>
/// <c>GET /events</c>: the caller's tenant's changes as server-sent events (docs/events.md): <c>task</c> and
/// <c>circuit</c> events as they are committed anywhere in the cluster, <c>stats</c> (the <c>/health</c> body) at most
/// once a second when it changed, a keep-alive comment every 15 s, and <c>reset</c> first when a
/// <c>Last-Event-ID</c> could not be resumed here. The stream ends when the node shuts down.
/// </summary>
internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(DurqRoutes.Prefix + "/events", StreamAsync).WithTags("Operations").WithName("StreamEvents")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return routes;
    }

    private static async Task StreamAsync(
        HttpContext http, EventHub hub, QueueService queue, RequestTenant tenant, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        var activityType = TaskListQuery.ActivityType(new QueryReader(http.Request.Query));
        var lastEventId = http.Request.Headers["Last-Event-ID"].FirstOrDefault();
        using var subscription = hub.Subscribe(tenant.Current, activityType, lastEventId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Proxies that buffer (nginx) would hold the events back.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var stream = new EventStreamWriter(http.Response, hub);
        try
        {
            await stream.StartAsync(resumed: subscription.Resumed, stop.Token);
            // The first sender to end (a stream too far behind; the client, or the node, going) ends the others.
            Task[] senders =
            [
                stream.SendChangesAsync(subscription.Changes, stop.Token),
                stream.SendStatsAsync(ct => StatsAsync(queue, ct), time, stop.Token),
                stream.KeepAliveAsync(time, stop.Token),
            ];
            await Task.WhenAny(senders);
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client left, or the node is shutting down: the stream ends here.
        }
    }

    private static async Task<Contracts.HealthResponse> StatsAsync(QueueService queue, CancellationToken cancellationToken) =>
        HealthApi.ToResponse(await queue.GetHealthAsync(cancellationToken));
}
