using System.Net;
using System.Text.Json;
using Durq.Core.Keys;
using Durq.Server.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Server.Tests.Auth;

/// <summary>
/// Every route, one by one, found from the node's own endpoints: with keys present, it refuses a request without a key
/// (401), a key without its scope (403), and the ids of another tenant (404, as for an id that does not exist). A
/// route added without a sample request here fails these tests, as one without a scope fails the server's start.
/// </summary>
public abstract class RouteAuthorizationTests(DurqApiFactory factory) : ApiTest(factory)
{
    private const string Alpha = "alpha";
    private const string Beta = "beta";

    private readonly Dictionary<string, string> _alphaKeys = [];
    private string _betaTaskId = "";
    private string _betaLeaseId = "";
    private string _betaKeyId = "";
    private string _betaScheduleId = "";
    private HttpClient _beta = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var scope in ApiScopes.All)
        {
            _alphaKeys[scope] = (await Factory.CreateKeyAsync(Alpha, scope)).Token;
        }

        var (betaKeyId, betaToken) = await Factory.CreateKeyAsync(Beta, ApiScopes.Admin);
        _betaKeyId = betaKeyId;
        _beta = Factory.CreateClient(betaToken);
        _betaTaskId = await _beta.EnqueueAsync("""{"activity_type":"t","input":{}}""");
        await _beta.RegisterAsync("w-beta", "t");
        var claimed = await _beta.ClaimOneAsync("w-beta", "t");
        _betaLeaseId = claimed.GetProperty("lease_id").GetString()!;
        using var schedule = await _beta.PostJsonAsync("/api/v1/durable/schedules", """{"name":"s","activity_type":"t","input":{},"cron":"0 0 1 1 *"}""");
        _betaScheduleId = (await schedule.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Every_route_refuses_a_request_without_a_key()
    {
        var failures = new List<string>();
        foreach (var route in ScopedRoutes())
        {
            using var response = await Factory.CreateClient().SendAsync(route.Request());
            var problem = await ProblemOf(response);
            if (response.StatusCode != HttpStatusCode.Unauthorized || problem.Code != "unauthorized"
                || response.Headers.WwwAuthenticate.ToString() != "Bearer")
            {
                failures.Add($"{route}: {(int)response.StatusCode} {problem.Code}, WWW-Authenticate '{response.Headers.WwwAuthenticate}'");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_route_refuses_a_key_without_its_scope_and_names_the_scope()
    {
        var failures = new List<string>();
        foreach (var route in ScopedRoutes())
        {
            foreach (var scope in ApiScopes.All.Where(s => !ApiScopes.Grants([s], route.Scope)))
            {
                using var response = await Factory.CreateClient(_alphaKeys[scope]).SendAsync(route.Request());
                var problem = await ProblemOf(response);
                if (response.StatusCode != HttpStatusCode.Forbidden || problem.Code != "forbidden" || !problem.Detail.Contains($"'{route.Scope}'", StringComparison.Ordinal))
                {
                    failures.Add($"{route} with a '{scope}' key: {(int)response.StatusCode} {problem.Code} {problem.Detail}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_route_with_an_id_answers_another_tenants_id_as_not_found()
    {
        var failures = new List<string>();
        // Registering is an upsert: the same worker id in another tenant is another worker, which would then exist here.
        // The event stream names no id and never ends; EventStreamTests shows it keeps tenants apart.
        foreach (var route in ScopedRoutes().Where(r => r.Operation is not ("RegisterWorker" or "StreamEvents")))
        {
            using var response = await Factory.CreateClient(_alphaKeys[route.Scope]).SendAsync(route.Request());
            var problem = await ProblemOf(response);
            var expected = route.NamesAnId ? HttpStatusCode.NotFound : (HttpStatusCode?)null;
            var refused = (int)response.StatusCode is 401 or 403 or >= 500;
            if (expected is { } status ? response.StatusCode != status || problem.Code != "not_found" : refused)
            {
                failures.Add($"{route} with beta's ids: {(int)response.StatusCode} {problem.Code} {problem.Detail}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // And none of those requests touched beta's rows: its task is still claimed by its worker, which is still there.
        var task = await _beta.GetTaskAsync(_betaTaskId);
        Assert.Equal("claimed", task.GetProperty("status").GetString());
        Assert.Equal("w-beta", task.GetProperty("claimed_by").GetString());
        Assert.False(task.TryGetProperty("cancel_requested", out var cancel) && cancel.GetBoolean());
        using var workers = await _beta.GetAsync("/api/v1/durable/workers");
        var beta = Assert.Single((await workers.ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal("active", beta.GetProperty("status").GetString());
        using var type = await _beta.GetAsync("/api/v1/durable/activity-types/t");
        var betaType = await type.ReadJsonAsync();
        Assert.False(betaType.GetProperty("settings").GetProperty("paused").GetBoolean());
        Assert.Equal("closed", betaType.GetProperty("circuit").GetProperty("state").GetString());
    }

    [Fact]
    public void Every_route_is_in_the_scope_table_and_has_a_sample_here()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            Assert.True(name is not null && RouteScopes.ByOperation.ContainsKey(name), $"{endpoint.DisplayName} is not in RouteScopes");
            Assert.True(RouteScopes.ByOperation[name] == RouteScopes.NoKey || Samples.ContainsKey(name), $"{name} has no sample request");
        }
    }

    [Theory]
    [InlineData("/api/v1/durable/healthz")]
    [InlineData("/openapi/v1.json")]
    public async Task Liveness_and_the_api_description_need_no_key(string path)
    {
        using var response = await Factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private IEnumerable<Route> ScopedRoutes()
    {
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (RouteScopes.Of(endpoint) is not { } scope)
            {
                continue;
            }

            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName;
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single();
            var pattern = endpoint.RoutePattern.RawText!;
            var path = pattern.Replace("{task_id}", _betaTaskId, StringComparison.Ordinal)
                .Replace("{worker_id}", "w-beta", StringComparison.Ordinal)
                .Replace("{key_id}", _betaKeyId, StringComparison.Ordinal)
                .Replace("{schedule_id}", _betaScheduleId, StringComparison.Ordinal)
                .Replace("{activity_type}", "t", StringComparison.Ordinal);
            var body = Samples[name].Replace("$task", _betaTaskId, StringComparison.Ordinal).Replace("$lease", _betaLeaseId, StringComparison.Ordinal);
            // An activity type is a name each tenant has its own of, not an id of a row: beta's "t" is another type than
            // alpha's "t", and alpha may set (or look at) its own.
            var namesAnId = pattern.Contains('{', StringComparison.Ordinal) && !pattern.Contains("{activity_type}", StringComparison.Ordinal);
            yield return new Route(name, scope, method, path, body, namesAnId);
        }
    }

    /// <summary>A request each route would take, with beta's ids wherever one goes.</summary>
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["EnqueueTask"] = """{"activity_type":"t","input":{}}""",
        ["EnqueueTasks"] = """{"tasks":[{"activity_type":"t","input":{}}]}""",
        ["GetTask"] = "",
        ["ListTasks"] = "",
        ["CancelTask"] = "",
        ["ClaimTasks"] = """{"worker_id":"w-alpha","activity_types":["t"]}""",
        ["HeartbeatTask"] = """{"lease_id":"$lease"}""",
        ["CompleteTask"] = """{"lease_id":"$lease"}""",
        ["CompleteTasks"] = """{"completions":[{"task_id":"$task","lease_id":"$lease"}]}""",
        ["FailTask"] = """{"lease_id":"$lease","error":{"message":"no"}}""",
        ["RegisterWorker"] = """{"activity_types":["t"]}""",
        ["HeartbeatWorker"] = """{"current_load":0}""",
        ["DeregisterWorker"] = "",
        ["DrainWorker"] = "",
        ["ResumeWorker"] = "",
        ["ListWorkers"] = "",
        ["GetHealth"] = "",
        ["StreamEvents"] = "",
        ["GetTimeSeries"] = "",
        ["ScrapeMetrics"] = "",
        ["ListDeadTasks"] = "",
        ["RetryDeadTask"] = "",
        ["RetryDeadTasks"] = """{"all":true}""",
        ["PurgeDeadTasks"] = """{"all":true}""",
        ["DeleteTask"] = "",
        ["ExplainTask"] = "",
        ["CreateApiKey"] = """{"scopes":["read"]}""",
        ["ListApiKeys"] = "",
        ["RevokeApiKey"] = "",
        ["ListActivityTypes"] = "",
        ["GetActivityType"] = "",
        ["SetActivityType"] = """{"paused":true}""",
        ["ListCircuitBreakers"] = "",
        ["GetCircuitBreaker"] = "",
        ["OpenCircuitBreaker"] = "",
        ["CloseCircuitBreaker"] = "",
        ["DeleteCircuitBreaker"] = "",
        ["CreateSchedule"] = """{"name":"s2","activity_type":"t","input":{},"cron":"0 0 1 1 *"}""",
        ["ListSchedules"] = "",
        ["GetSchedule"] = "",
        ["UpdateSchedule"] = """{"paused":true}""",
        ["DeleteSchedule"] = "",
        ["PauseSchedule"] = "",
        ["ResumeSchedule"] = "",
        ["TriggerSchedule"] = "",
        ["ListScheduleExecutions"] = "",
    };

    private static async Task<(string? Code, string Detail)> ProblemOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return (null, text);
        }

        using var document = JsonDocument.Parse(text);
        return (document.RootElement.GetProperty("code").GetString(), document.RootElement.GetProperty("detail").GetString() ?? "");
    }

    private sealed record Route(string Operation, string Scope, string Method, string Path, string Body, bool NamesAnId)
    {
        public HttpRequestMessage Request() => new(new HttpMethod(Method), Path)
        {
            Content = HttpMethods.IsGet(Method) ? null : Http.Json(Body),
        };

        public override string ToString() => $"{Method} {Path} ({Operation})";
    }
}

public sealed class SqliteRouteAuthorizationTests() : RouteAuthorizationTests(new DurqApiFactory());

public sealed class PostgresRouteAuthorizationTests() : RouteAuthorizationTests(DurqApiFactory.OnPostgres());
