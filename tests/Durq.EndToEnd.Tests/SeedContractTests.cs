using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// The seed page's own examples, run with the tools they are written for (curl, and fetch on Node.js) against a real
/// server, changed only in the URL.
/// </summary>
public sealed partial class SeedContractTests : IAsyncLifetime
{
    private readonly TempDir _data = new();
    private DurqProcess _durq = null!;

    public async Task InitializeAsync() => _durq = await DurqProcess.StartAsync(_data.Path);

    public async Task DisposeAsync()
    {
        await _durq.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_seed_curl_example_gets_201_and_a_task_id()
    {
        var (statusCode, body) = await SeedCurl.EnqueueAsync(_durq.BaseAddress);

        Assert.Equal("201", statusCode);
        await AssertStoredWithSeedOptionsAsync(body);
    }

    [Fact]
    public async Task The_seed_fetch_example_gets_201_and_a_task_id()
    {
        var script = $$$"""
            const url = '{{{Url}}}';const options = { method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"activity_type":"session.run","input":"example","options":{"max_attempts":3,"priority":10}}'};
            try { const response = await fetch(url, options); const data = await response.json(); console.log(response.status); console.log(JSON.stringify(data));} catch (error) { console.error(error); process.exit(1); }
            """;
        var output = await RunAsync("node", ["--input-type=module", "--eval", script]);

        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("201", lines[0]);
        await AssertStoredWithSeedOptionsAsync(lines[1]);
    }

    private string Url => new Uri(_durq.BaseAddress, "/api/v1/durable/tasks").ToString();

    private async Task AssertStoredWithSeedOptionsAsync(string responseBody)
    {
        var id = JsonDocument.Parse(responseBody).RootElement.GetProperty("task_id").GetString()!;
        Assert.Matches(UuidPattern(), id);
        using var http = _durq.CreateClient();
        var task = await http.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks/" + id);
        Assert.Equal("session.run", task.GetProperty("activity_type").GetString());
        Assert.Equal("\"example\"", task.GetProperty("input").GetRawText());
        Assert.Equal(3, task.GetProperty("options").GetProperty("max_attempts").GetInt32());
        Assert.Equal(10, task.GetProperty("options").GetProperty("priority").GetInt32());
    }

    private static async Task<string> RunAsync(string program, string[] args)
    {
        var process = await ProcessRun.RunAsync(program, args, TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {process.Stderr}");
        return process.Stdout;
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
