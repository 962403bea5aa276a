using System.Net;
using System.Text;
using Durq.Core.Keys;

namespace Durq.Server.Tests.Auth;

/// <summary>
/// A node without keys, on loopback (the in-memory server is reachable from nowhere else): zero set-up for its own
/// machine, and nothing for a web page. Each test has its own node, and the mode it names.
/// </summary>
public sealed class KeylessAccessTests
{
    private const string Health = "/api/v1/durable/health";

    [Fact]
    public async Task Without_keys_a_loopback_node_serves_keyless_requests_as_the_default_tenant_until_a_key_exists()
    {
        await using var node = new DurqApiFactory();
        var keyless = node.CreateClient();
        var id = await keyless.EnqueueAsync("""{"activity_type":"t","input":{}}""");

        var (_, token) = await node.CreateKeyAsync("default", ApiScopes.Read);

        using var refused = await keyless.GetAsync(Health);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var task = await node.CreateClient(token).GetTaskAsync(id);
        Assert.Equal("pending", task.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("localhost:8080", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("[::1]:8080", HttpStatusCode.OK)]
    [InlineData("durq.localhost", HttpStatusCode.OK)]
    [InlineData("evil.example", HttpStatusCode.Unauthorized)]
    [InlineData("127.0.0.1.nip.io", HttpStatusCode.Unauthorized)]
    public async Task Keyless_requests_are_answered_only_for_loopback_host_names(string host, HttpStatusCode expected)
    {
        await using var node = new DurqApiFactory();
        using var request = new HttpRequestMessage(HttpMethod.Get, Health);
        request.Headers.Host = host;

        using var response = await node.CreateClient().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("queue.internal")]
    [InlineData("a.corp.example")]
    [InlineData("localhost")]
    public async Task Keyless_requests_are_answered_for_the_names_in_allowed_hosts(string host)
    {
        // ASP.NET Core's host filtering then refuses every other name, loopback ones too, unless they are listed.
        await using var node = new DurqApiFactory(new() { ["AllowedHosts"] = "queue.internal;*.corp.example;localhost" });
        using var request = new HttpRequestMessage(HttpMethod.Get, Health);
        request.Headers.Host = host;

        using var response = await node.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task A_keyless_state_change_that_a_web_page_could_send_is_refused(string? contentType)
    {
        await using var node = new DurqApiFactory();
        var client = node.CreateClient();
        await client.RegisterAsync("w1", "t");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/durable/workers/w1/drain");
        if (contentType is not null)
        {
            request.Content = new StringContent("a=b", Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        using var workers = await client.GetAsync("/api/v1/durable/workers");
        Assert.Equal("active", (await workers.ReadJsonAsync()).GetProperty("data")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Required_mode_refuses_keyless_requests_on_loopback_too()
    {
        await using var node = new DurqApiFactory(new() { ["Auth:Mode"] = "required" });

        using var response = await node.CreateClient().GetAsync(Health);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task None_mode_serves_keyless_requests_even_when_keys_exist()
    {
        await using var node = new DurqApiFactory(new() { ["Auth:Mode"] = "none" });
        await node.CreateKeyAsync("alpha", ApiScopes.Read);

        using var response = await node.CreateClient().PostJsonAsync(Http.Tasks, """{"activity_type":"t","input":{}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Each_key_has_its_own_request_rate_and_a_refusal_says_when_to_retry()
    {
        await using var node = new DurqApiFactory(new() { ["Limits:RequestsPerSecondPerKey"] = "1" });
        var first = node.CreateClient((await node.CreateKeyAsync("alpha", ApiScopes.Read)).Token);
        var second = node.CreateClient((await node.CreateKeyAsync("alpha", ApiScopes.Read)).Token);
        var started = DateTimeOffset.UtcNow;

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await first.GetAsync(Health);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        // The bucket holds one request and gains one a second: however slow this machine, no more got through.
        var elapsed = DateTimeOffset.UtcNow - started;
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 1 + (int)elapsed.TotalSeconds, string.Join(", ", statuses));
        Assert.NotNull(limited);
        var problem = await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(problem.GetProperty("retry_after_seconds").GetInt32() >= 1);
        Assert.NotNull(limited.Headers.RetryAfter);
        using var other = await second.GetAsync(Health);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Keyless_requests_share_one_limit_even_after_a_route_that_needs_no_key()
    {
        await using var node = new DurqApiFactory(new() { ["Limits:RequestsPerSecondPerKey"] = "1" });
        var keyless = node.CreateClient();
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            using var liveness = await keyless.GetAsync("/api/v1/durable/healthz");
            Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await keyless.GetAsync(Health);
            statuses.Add(response.StatusCode);
        }

        var elapsed = DateTimeOffset.UtcNow - started;
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 1 + (int)elapsed.TotalSeconds, string.Join(", ", statuses));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task A_tenant_may_have_its_own_cap_on_pending_tasks()
    {
        await using var node = new DurqApiFactory(new() { ["Queue:Tenants:alpha:MaxPending"] = "1" });
        var alpha = node.CreateClient((await node.CreateKeyAsync("alpha", ApiScopes.Enqueue)).Token);
        var beta = node.CreateClient((await node.CreateKeyAsync("beta", ApiScopes.Enqueue)).Token);
        const string Task = """{"activity_type":"t","input":{}}""";
        await alpha.EnqueueAsync(Task);

        using var full = await alpha.PostJsonAsync(Http.Tasks, Task);

        await full.AssertProblemAsync(HttpStatusCode.TooManyRequests, "queue_full");
        await beta.EnqueueAsync(Task);
        await beta.EnqueueAsync(Task);
    }
}
