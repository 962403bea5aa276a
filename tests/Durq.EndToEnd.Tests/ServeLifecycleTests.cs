using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Durq.EndToEnd.Tests;

public sealed class ServeLifecycleTests : IDisposable
{
    private readonly TempDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Serve_creates_the_database_says_where_and_stops_cleanly_on_sigterm()
    {
        await using var durq = await DurqProcess.StartAsync(_data.Path);
        var database = Path.Combine(_data.Path, "durq.db");
        Assert.True(File.Exists(database));
        Assert.Contains(database, durq.Output, StringComparison.Ordinal);
        Assert.Contains("Durq listening on http://127.0.0.1:", durq.Output, StringComparison.Ordinal);

        using (var http = durq.CreateClient())
        {
            using var response = await http.PostAsync("/api/v1/durable/tasks", JsonContent.Create(new { activity_type = "a", input = 1 }));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await durq.TerminateAsync();
        Assert.Equal(0, durq.ExitCode);
        Assert.Contains("Application is shutting down", durq.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_setting_stops_serve_with_a_message_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DurqProcess.StartAsync(_data.Path, "--max-pending", "-1"));
        Assert.Contains("Queue:MaxPending", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_survive_a_clean_restart()
    {
        string id;
        await using (var first = await DurqProcess.StartAsync(_data.Path))
        {
            using var http = first.CreateClient();
            using var response = await http.PostAsync("/api/v1/durable/tasks", JsonContent.Create(new { activity_type = "a", input = new { n = 7 } }));
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task_id").GetString()!;
            await first.TerminateAsync();
        }

        await using var second = await DurqProcess.StartAsync(_data.Path);
        using var client = second.CreateClient();
        var task = await client.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks/" + id);
        Assert.Equal(7, task.GetProperty("input").GetProperty("n").GetInt32());
    }
}
