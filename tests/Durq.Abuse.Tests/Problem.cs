using System.Text.Json;

namespace Durq.Abuse.Tests;

/// <summary>The assertion every hostile request ends with: a problem document of this status and code.</summary>
public static class Problem
{
    public const string MediaType = "application/problem+json";

    public static async Task AssertAsync(HttpResponseMessage response, int status, string code, string request)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert(status, code, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, request);
    }

    public static void Assert(RawResponse response, int status, string code, string request) =>
        Assert(status, code, response.Status, response.ContentType?.Split(';')[0], response.Body, request + "\n" + response.Raw);

    private static void Assert(int status, string code, int actualStatus, string? mediaType, string body, string request)
    {
        var what = $"{request}\n→ {actualStatus} {mediaType}: {body}";
        Xunit.Assert.True(actualStatus == status, $"Expected {status}, got {actualStatus}. {what}");
        Xunit.Assert.True(mediaType == MediaType, $"Expected {MediaType}. {what}");
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement;
        Xunit.Assert.True(problem.TryGetProperty("code", out var actualCode) && actualCode.GetString() == code, $"Expected code {code}. {what}");
        Xunit.Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Xunit.Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), what);
        Xunit.Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), what);
        // Every problem says what the caller can do next (Durq.Server.Tests.ProblemHintTests names this suite for these codes).
        Xunit.Assert.True(problem.TryGetProperty("allowed_actions", out var actions) && actions.GetArrayLength() == 1, $"Expected one allowed action. {what}");
        Xunit.Assert.False(string.IsNullOrWhiteSpace(actions[0].GetProperty("hint").GetString()), what);
    }
}
