using System.Net;
using System.Text.Json.Nodes;
using Durq.Core.Tasks;
using Durq.Server.Auth;

namespace Durq.Server.Tests.OpenApi;

public sealed class OpenApiTests() : ApiTest(new DurqApiFactory())
{
    [Fact]
    public async Task The_document_describes_the_task_routes_and_the_problem_schema()
    {
        using var response = await Factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/durable/tasks", "/api/v1/durable/tasks/batch", "/api/v1/durable/tasks/{task_id}", "/api/v1/durable/tasks/{task_id}/cancel" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }

        var enqueue = paths.GetProperty("/api/v1/durable/tasks").GetProperty("post");
        Assert.Equal("EnqueueTask", enqueue.GetProperty("operationId").GetString());
        Assert.True(enqueue.GetProperty("responses").TryGetProperty("429", out var full));
        Assert.True(full.GetProperty("content").TryGetProperty("application/problem+json", out _));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var problem = schemas.GetProperty("ProblemDocument").GetProperty("properties");
        foreach (var member in new[] { "type", "title", "status", "detail", "code", "instance", "retry_after_seconds", "allowed_actions", "errors" })
        {
            Assert.True(problem.TryGetProperty(member, out _), $"ProblemDocument lacks {member}");
        }

        Assert.True(schemas.GetProperty("EnqueueTaskRequest").GetProperty("properties").TryGetProperty("activity_type", out _));
    }

    [Fact]
    public async Task The_document_describes_the_worker_lists_paging_and_the_worker_cap()
    {
        using var response = await Factory.CreateClient().GetAsync("/openapi/v1.json");
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");

        var list = paths.GetProperty("/api/v1/durable/workers").GetProperty("get");
        Assert.Equal(["limit", "cursor"], list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString() ?? ""));
        Assert.True(list.GetProperty("responses").TryGetProperty("400", out _));
        var register = paths.GetProperty("/api/v1/durable/workers/{worker_id}").GetProperty("put");
        Assert.True(register.GetProperty("responses").TryGetProperty("429", out _));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_description_and_the_scope_it_needs()
    {
        var document = await ServedDocument.FetchAsync(Factory);

        foreach (var (path, operation) in Operations(document))
        {
            var id = operation["operationId"]!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{path} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{path} has no description");
            var scope = RouteScopes.ByOperation[id];
            if (scope == RouteScopes.NoKey)
            {
                Assert.Null(operation["security"]);
                continue;
            }

            Assert.Equal(scope, operation["security"]![0]!["ApiKey"]![0]!.GetValue<string>());
            Assert.NotNull(operation["responses"]!["401"]!["headers"]!["WWW-Authenticate"]);
            Assert.NotNull(operation["responses"]!["403"]);
        }

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_task_lists_describe_their_filters_and_paging()
    {
        var paths = (await ServedDocument.FetchAsync(Factory))["paths"]!;

        var tasks = paths["/api/v1/durable/tasks"]!["get"]!["parameters"]!.AsArray();
        Assert.Equal(["status", "activity_type", "limit", "cursor"], tasks.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(DurqTaskStatusNames.All, tasks[0]!["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(500, tasks[2]!["schema"]!["maximum"]!.GetValue<int>());
        var dlq = paths["/api/v1/durable/dlq"]!["get"]!["parameters"]!.AsArray();
        Assert.Equal(["dead"], dlq[0]!["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task The_enqueue_route_describes_its_headers()
    {
        var enqueue = (await ServedDocument.FetchAsync(Factory))["paths"]!["/api/v1/durable/tasks"]!["post"]!;

        var header = enqueue["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
        Assert.Equal("header", header["in"]!.GetValue<string>());
        Assert.Equal(200, header["schema"]!["maxLength"]!.GetValue<int>());
        var responses = enqueue["responses"]!;
        Assert.NotNull(responses["201"]!["headers"]!["Location"]);
        Assert.NotNull(responses["200"]!["headers"]!["Idempotent-Replayed"]);
        Assert.NotNull(responses["429"]!["headers"]!["Retry-After"]);
        Assert.NotNull(responses["503"]!["headers"]!["Retry-After"]);
    }

    /// <summary>Every operation of <paramref name="document"/>, with its method and path (e.g. <c>GET /api/v1/durable/tasks</c>).</summary>
    internal static IEnumerable<(string Route, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(method => (method.Key.ToUpperInvariant() + " " + path.Key, method.Value!)));
}
