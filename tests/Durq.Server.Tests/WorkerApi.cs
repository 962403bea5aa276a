using System.Net;
using System.Text.Json;

namespace Durq.Server.Tests;

/// <summary>The worker protocol as a worker speaks it, for tests that walk a task through its life.</summary>
internal static class WorkerApi
{
    public const string Root = "/api/v1/durable";

    public static async Task RegisterAsync(this HttpClient client, string workerId, string activityType, int concurrency = 4)
    {
        using var response = await client.PutAsync($"{Root}/workers/{workerId}",
            Http.Json($$"""{"activity_types":["{{activityType}}"],"max_concurrency":{{concurrency}}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<List<JsonElement>> ClaimAsync(
        this HttpClient client, string workerId, string activityType, int maxTasks = 10, int waitMs = 0, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsync($"{Root}/tasks/claim",
            Http.Json($$"""{"worker_id":"{{workerId}}","activity_types":["{{activityType}}"],"max_tasks":{{maxTasks}},"wait_ms":{{waitMs}}}"""),
            cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("tasks").EnumerateArray()];
    }

    public static async Task<JsonElement> ClaimOneAsync(this HttpClient client, string workerId, string activityType) =>
        Assert.Single(await client.ClaimAsync(workerId, activityType, maxTasks: 1));

    public static Task<HttpResponseMessage> ReportAsync(this HttpClient client, JsonElement claimed, string action, string body = "") =>
        client.PostAsync($"{Root}/tasks/{claimed.GetProperty("id").GetString()}/{action}",
            Http.Json($$"""{"lease_id":"{{claimed.GetProperty("lease_id").GetString()}}"{{body}}}"""));

    public static async Task<JsonElement> ReportOkAsync(this HttpClient client, JsonElement claimed, string action, string body = "")
    {
        using var response = await client.ReportAsync(claimed, action, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} answered {(int)response.StatusCode}: {json}");
        return json;
    }
}
