using Durq.Server.Apis;
using Durq.Server.Http;
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
        app.UseEndpoints(endpoints => endpoints.MapDurq());
        return app;
    }

    public static IEndpointRouteBuilder MapDurq(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTasksApi();
        endpoints.MapLeasesApi();
        endpoints.MapWorkersApi();
        endpoints.MapDlqApi();
        endpoints.MapHealthApi();
        endpoints.MapOpenApi();
        return endpoints;
    }
}
