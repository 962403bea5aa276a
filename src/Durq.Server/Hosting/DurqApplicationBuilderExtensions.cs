using Durq.Server.Apis;
using Durq.Server.Auth;
using Durq.Server.Dashboard;
using Durq.Server.Events;
using Durq.Server.Http;
using Durq.Server.Observability;
using Durq.Server.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Durq.Server.Hosting;

/// <summary>The request pipeline of a Durq node; the CLI's server and the test host both build it through here.</summary>
public static class DurqApplicationBuilderExtensions
{
    public static IApplicationBuilder UseDurq(this IApplicationBuilder app)
    {
        app.UseMiddleware<ProblemMiddleware>();
        app.UseRouting();
        app.UseDurqAuth();
        app.UseEndpoints(endpoints => endpoints.MapDurq());
        return app;
    }

    public static IEndpointRouteBuilder MapDurq(this IEndpointRouteBuilder endpoints)
    {
        // Every route is mapped in this one group, which gives each the scope RouteScopes names for it.
        var api = endpoints.MapGroup("");
        api.MapTasksApi();
        api.MapLeasesApi();
        api.MapWorkersApi();
        api.MapDlqApi();
        api.MapActivityTypesApi();
        api.MapCircuitBreakersApi();
        api.MapSchedulesApi();
        api.MapHealthApi();
        api.MapEventsApi();
        api.MapTimeSeriesApi();
        api.MapKeysApi();
        api.MapMetricsEndpoint();
        api.MapOpenApi().WithName("OpenApiDocument");
        api.RequireTableScopes();
        api.WithTableTexts();
        // The dashboard's files: no key, no OpenAPI entry (RouteScopes marks them NoKey; docs/dashboard.md).
        endpoints.MapGroup("").MapDashboard().RequireTableScopes();
        return endpoints;
    }
}
