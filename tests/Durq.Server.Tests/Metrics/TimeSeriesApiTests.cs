using System.Net;
using System.Text.Json;
using Durq.Core.Keys;
using Durq.Server.Maintenance;
using Durq.Server.Tests.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durq.Server.Tests.Metrics;

/// <summary>
/// <c>GET /metrics/timeseries</c>: the stored samples of the caller's tenant as 10 s points (counts between samples,
/// gauges as sampled) over a window it names from a fixed set, on the node's fake clock.
/// </summary>
public sealed class TimeSeriesApiTests() : ApiTest(new DurqApiFactory())
{
    private const string Route = "/api/v1/durable/metrics/timeseries";

    private HttpClient _alpha = null!;
    private HttpClient _beta = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _alpha = Factory.CreateClient((await Factory.CreateKeyAsync("alpha", ApiScopes.Admin)).Token);
        _beta = Factory.CreateClient((await Factory.CreateKeyAsync("beta", ApiScopes.Admin)).Token);
    }

    [Fact]
    public async Task A_point_holds_what_was_enqueued_since_the_sample_before_and_the_gauges_then()
    {
        await EnqueueAsync(_alpha, 2);
        await EnqueueAsync(_beta, 1);
        await SampleAsync();
        await EnqueueAsync(_alpha, 3);
        Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        await SampleAsync();

        var series = await SeriesAsync(_alpha, "?window=15m");

        Assert.Equal(10, series.GetProperty("resolution_seconds").GetInt32());
        var point = Assert.Single(series.GetProperty("points").EnumerateArray());
        Assert.Equal("2026-11-29T12:00:10.000Z", point.GetProperty("timestamp").GetString());
        Assert.Equal(
            (3, 0, 0, 0, 5, 0, 0, 0),
            (Count(point, "enqueued"), Count(point, "completed"), Count(point, "failed"), Count(point, "dead"),
                Count(point, "pending"), Count(point, "claimed"), Count(point, "dlq_size"), Count(point, "active_workers")));
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_own_series()
    {
        await EnqueueAsync(_alpha, 2);
        await EnqueueAsync(_beta, 1);
        await SampleAsync();
        await EnqueueAsync(_alpha, 4);
        Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        await SampleAsync();

        var beta = Assert.Single((await SeriesAsync(_beta, "")).GetProperty("points").EnumerateArray());

        Assert.Equal((0, 1), (Count(beta, "enqueued"), Count(beta, "pending")));
        Assert.Equal(4, Count(Assert.Single((await SeriesAsync(_alpha, "")).GetProperty("points").EnumerateArray()), "enqueued"));
    }

    [Fact]
    public async Task A_window_holds_only_the_points_inside_it()
    {
        await EnqueueAsync(_alpha, 1);
        await SampleAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        await SampleAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Empty((await SeriesAsync(_alpha, "?window=15m")).GetProperty("points").EnumerateArray());
        Assert.Single((await SeriesAsync(_alpha, "?window=1h")).GetProperty("points").EnumerateArray());
        Assert.Single((await SeriesAsync(_alpha, "")).GetProperty("points").EnumerateArray());
    }

    [Theory]
    [InlineData("?window=2h", "Use one of: 15m, 1h, 6h, 24h.")]
    [InlineData("?window=", "Use one of: 15m, 1h, 6h, 24h.")]
    [InlineData("?window=15M", "Use one of: 15m, 1h, 6h, 24h.")]
    [InlineData("?window=15m&window=1h", "Send 'window' once.")]
    public async Task A_window_the_series_does_not_keep_is_invalid_query(string query, string hint)
    {
        using var response = await _alpha.GetAsync(Route + query);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_query");
        Assert.Contains("'window'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(hint, problem.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Samples now, as the node's sampler does when its clock enters a bucket. The sampler's own timer may sample the
    /// same bucket at the same moment (the fake clock's advance ticks it): the store keeps one sample either way.
    /// </summary>
    private Task<int> SampleAsync() =>
        Factory.Services.GetServices<IHostedService>().OfType<TimeSeriesSampler>().Single().SampleAsync(CancellationToken.None);

    private static async Task EnqueueAsync(HttpClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await client.EnqueueAsync("""{"activity_type":"email","input":{}}""");
        }
    }

    private static async Task<JsonElement> SeriesAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(Route + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static int Count(JsonElement point, string name) => point.GetProperty(name).GetInt32();
}
