using System.Net;
using System.Text.Json;

namespace Durq.Server.Tests;

/// <summary>
/// The worker cap and the paged worker list over HTTP: a new worker beyond <c>Workers:MaxPerTenant</c> gets a 429
/// problem document with a retry time, and <c>GET /workers</c> pages with <c>limit</c> and <c>cursor</c> while its
/// summary and <c>/health</c> count every worker.
/// </summary>
public sealed class WorkerLimitsApiTests() : ApiTest(new DurqApiFactory(new() { ["Workers:MaxPerTenant"] = "3" }))
{
    private const string Type = "email.send";

    [Fact]
    public async Task A_new_worker_beyond_the_cap_is_refused_with_a_retry_time_and_a_known_one_may_register_again()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Client.RegisterAsync($"w{i}", Type);
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(15));
        using var refused = await RegisterAsync("w4");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "worker_limit_reached");

        Assert.Equal(45, problem.GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(45), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("the cap is 3 per tenant (Workers:MaxPerTenant)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Client.RegisterAsync("w2", Type);
        Assert.Equal(3, (await ListAsync()).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_worker_silent_for_a_minute_gives_its_place_to_a_new_one()
    {
        await Client.RegisterAsync("w1", Type);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await Client.RegisterAsync("w2", Type);
        await Client.RegisterAsync("w3", Type);
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));

        await Client.RegisterAsync("w4", Type);

        Assert.Equal(["w2", "w3", "w4"], Ids(await ListAsync()));
    }

    [Fact]
    public async Task The_list_pages_in_id_order_and_its_summary_and_health_count_every_worker()
    {
        await Client.RegisterAsync("w1", Type, concurrency: 2);
        await Client.RegisterAsync("w2", Type, concurrency: 3);
        await Client.RegisterAsync("w3", Type, concurrency: 5);

        var first = await ListAsync("?limit=2");
        var second = await ListAsync($"?limit=2&cursor={first.GetProperty("next_cursor").GetString()}");

        Assert.Equal(["w1", "w2"], Ids(first));
        Assert.Equal(["w3"], Ids(second));
        Assert.False(second.TryGetProperty("next_cursor", out _));
        foreach (var page in new[] { first, second })
        {
            Assert.Equal(3, page.GetProperty("summary").GetProperty("active").GetInt32());
            Assert.Equal(10, page.GetProperty("summary").GetProperty("total_capacity").GetInt32());
        }

        using var health = await Client.GetAsync($"{WorkerApi.Root}/health");
        var gauges = await health.ReadJsonAsync();
        Assert.Equal(3, gauges.GetProperty("workers").GetProperty("active").GetInt32());
        Assert.Equal(10, gauges.GetProperty("total_capacity").GetInt32());
    }

    [Fact]
    public async Task A_cursor_carries_a_worker_id_of_any_characters()
    {
        await Client.RegisterAsync("host%20one%3F%C3%A9%26x%3D1", Type);
        await Client.RegisterAsync("host%20two", Type);

        var first = await ListAsync("?limit=1");
        var second = await ListAsync($"?limit=1&cursor={first.GetProperty("next_cursor").GetString()}");

        Assert.Equal(["host one?é&x=1"], Ids(first));
        Assert.Equal(["host two"], Ids(second));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=not*base64", "cursor")]
    [InlineData("?cursor=", "cursor")]
    [InlineData("?cursor=_w", "cursor")]
    [InlineData("?limit=1&limit=2", "limit")]
    public async Task A_bad_page_query_is_refused_naming_the_parameter(string query, string parameter)
    {
        using var response = await Client.GetAsync($"{WorkerApi.Root}/workers{query}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_query");
        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> RegisterAsync(string workerId) =>
        Client.PutAsync($"{WorkerApi.Root}/workers/{workerId}", Http.Json($$"""{"activity_types":["{{Type}}"]}"""));

    private async Task<JsonElement> ListAsync(string query = "")
    {
        using var response = await Client.GetAsync($"{WorkerApi.Root}/workers{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("id").GetString() ?? "")];
}
