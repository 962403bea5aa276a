using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Durq.Server.Tests;

/// <summary>Small helpers so tests read like the requests a user would send with curl.</summary>
internal static class Http
{
    public const string Tasks = "/api/v1/durable/tasks";

    /// <summary>The rels an allowed action may have (API.md, "Errors").</summary>
    private static readonly string[] ActionRels = ["retry", "retry-later", "get-existing"];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, Json(json));

    /// <summary>A POST without a body, marked JSON as every state change without an API key must be (docs/security.md).</summary>
    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url) =>
        client.PostAsync(url, Json(""));

    /// <summary>A DELETE, marked JSON like <see cref="PostEmptyAsync"/>.</summary>
    public static Task<HttpResponseMessage> DeleteEmptyAsync(this HttpClient client, string url) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = Json("") });

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Enqueues and returns the new task id, failing the test on anything but 201.</summary>
    public static async Task<string> EnqueueAsync(this HttpClient client, string json)
    {
        using var response = await client.PostJsonAsync(Tasks, json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("task_id").GetString()!;
    }

    public static async Task<JsonElement> GetTaskAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"{Tasks}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Asserts the response is a problem document with this status and code, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        // Every problem says what the caller can do next (API.md, "Errors"; ProblemHintTests checks that it fits).
        var action = Assert.Single(problem.GetProperty("allowed_actions").EnumerateArray());
        Assert.Contains(action.GetProperty("rel").GetString(), ActionRels);
        Assert.False(string.IsNullOrWhiteSpace(action.GetProperty("hint").GetString()));
        return problem;
    }

    public static MediaTypeHeaderValue MediaType(string value) => MediaTypeHeaderValue.Parse(value);
}
