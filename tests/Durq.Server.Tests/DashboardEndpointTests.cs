using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Durq.Core.Keys;
using Durq.Server.Tests.Auth;

namespace Durq.Server.Tests;

/// <summary>
/// The dashboard's files as a browser fetches them: the redirects into <c>/dashboard/</c>, the page's own routes answered
/// with index.html, hashed assets cached for good and index.html revalidated, a stale asset refused, and no key needed
/// for any of it even when the API needs one.
/// </summary>
public sealed partial class DashboardEndpointTests() : ApiTest(new DurqApiFactory())
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard")]
    public async Task The_root_and_the_bare_path_redirect_to_the_dashboard(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/tasks")]
    [InlineData("/dashboard/tasks/0b7f7d0e-8a51-4c1e-9a3c-5d1f2e3a4b5c")]
    [InlineData("/dashboard/dead-letters")]
    public async Task The_page_and_each_of_its_routes_get_index_html_revalidated_every_time(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated: it names the current build");
        Assert.NotNull(response.Headers.ETag);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("<script", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_asset_the_page_names_is_served_with_its_type_and_cached_for_good()
    {
        var assets = await AssetsNamedByThePageAsync();

        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await Client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var expected = asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css";
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.Public, asset);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl?.Extensions.Select(e => e.Name) ?? [], StringComparer.Ordinal);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, asset);
        }
    }

    [Fact]
    public async Task A_file_fetched_again_with_its_etag_answers_304_without_a_body()
    {
        var asset = (await AssetsNamedByThePageAsync())[0];
        using var first = await Client.GetAsync(asset);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, asset);
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await Client.SendAsync(again);
        using var changed = new HttpRequestMessage(HttpMethod.Get, asset);
        changed.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-build\""));
        using var refetched = await Client.SendAsync(changed);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, refetched.StatusCode);
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body()
    {
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/dashboard/"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/dashboard/assets/index-0ld8uild.js")]
    [InlineData("/dashboard/favicon-from-elsewhere.png")]
    public async Task A_missing_file_is_404_not_the_page_so_a_stale_page_fails_plainly(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_files_need_no_key_when_the_api_does()
    {
        await Factory.CreateKeyAsync("default", ApiScopes.Read);

        using var api = await Client.GetAsync("/api/v1/durable/health");
        using var page = await Client.GetAsync("/dashboard/");
        var assets = await AssetsNamedByThePageAsync();
        using var script = await Client.GetAsync(assets[0]);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_not_in_the_openapi_document()
    {
        var document = await Client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain("/dashboard", document, StringComparison.Ordinal);
        Assert.DoesNotContain("DashboardAsset", document, StringComparison.Ordinal);
    }

    private async Task<List<string>> AssetsNamedByThePageAsync()
    {
        var html = await Client.GetStringAsync("/dashboard/");
        return [.. AssetReference().Matches(html).Select(m => m.Groups["path"].Value).Distinct()];
    }

    [GeneratedRegex("""(?:src|href)="(?<path>/dashboard/assets/[^"]+)""")]
    private static partial Regex AssetReference();
}
