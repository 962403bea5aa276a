using System.Net;

namespace Durq.Server.Tests;

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
}
