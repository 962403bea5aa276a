namespace Durq.EndToEnd.Tests;

/// <summary>
/// The seed page's curl example, run with curl itself and changed only in the URL: the request every newcomer makes
/// first, so the tests that stand for a newcomer's first steps make it too.
/// </summary>
internal static class SeedCurl
{
    public const string Body = """{ "activity_type": "session.run", "input": "example", "options": { "max_attempts": 3, "priority": 10 } }""";

    /// <summary>POSTs <see cref="Body"/> to the tasks of the server at <paramref name="baseAddress"/>; answers the status code and the body.</summary>
    public static async Task<(string StatusCode, string Body)> EnqueueAsync(Uri baseAddress)
    {
        var curl = await ProcessRun.RunAsync("curl", [
            "--silent", "--show-error", "--write-out", "\n%{http_code}",
            "--request", "POST",
            "--url", new Uri(baseAddress, "/api/v1/durable/tasks").ToString(),
            "--header", "Content-Type: application/json",
            "--data", Body,
        ], TimeSpan.FromSeconds(60));
        Assert.True(curl.ExitCode == 0, $"curl exited {curl.ExitCode}: {curl.Stderr}");
        var lines = curl.Stdout.TrimEnd().Split('\n');
        return (lines[^1], string.Join('\n', lines[..^1]));
    }
}
