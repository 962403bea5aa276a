using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Durq.Server.Dashboard;

/// <summary>
/// The dashboard at <c>/dashboard/</c>, and <c>/</c> sending a browser there. Its files hold no data, so they need no
/// key (the API calls the page makes each need their scope); they are left out of the OpenAPI document, which
/// describes the API. A path that is not a file is one of the page's own routes (<c>/dashboard/tasks/…</c>): it gets
/// <c>index.html</c>, which routes in the browser.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Path = "/dashboard/";

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder routes)
    {
        routes.MapGet("/", () => Results.Redirect(Path)).WithName("DashboardRedirect").ExcludeFromDescription();
        routes.MapMethods(Path + "{**path}", [HttpMethods.Get, HttpMethods.Head], Serve).WithName("DashboardAsset").ExcludeFromDescription();
        return routes;
    }

    private static IResult Serve(HttpContext context, string? path)
    {
        // The catch-all takes /dashboard too; routing ignores a trailing slash, so the path tells the two apart.
        if (path is null && !context.Request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect(Path);
        }

        var asset = DashboardAssets.Find(path ?? "");
        if (asset is null)
        {
            // A missing hashed file is a stale page asking for an old build: a 404 says so, index.html would not.
            if (path is not null && (path.StartsWith("assets/", StringComparison.Ordinal) || System.IO.Path.HasExtension(path)))
            {
                return Results.NotFound();
            }

            asset = DashboardAssets.Find(DashboardAssets.IndexPath);
            if (asset is null)
            {
                return Results.NotFound();
            }
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // index.html is revalidated every time (it names the current build's files); those files never change.
        headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (asset.Path == DashboardAssets.IndexPath)
        {
            // Only this origin's scripts, styles and API: no inline script, no third party, and no framing.
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
        }

        if (IfNoneMatch(context.Request, asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static bool IfNoneMatch(HttpRequest request, string etag) =>
        request.Headers.IfNoneMatch.Count > 0
        && EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Tag.Equals(etag, StringComparison.Ordinal) || t.Tag.Equals("*", StringComparison.Ordinal));
}
