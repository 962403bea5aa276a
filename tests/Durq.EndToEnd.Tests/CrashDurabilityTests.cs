using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Durq.EndToEnd.Tests;

/// <summary>Nothing acknowledged is lost: 201 means the task is on disk, whatever happens to the process next.</summary>
public sealed class CrashDurabilityTests : IDisposable
{
    private const int Clients = 16;
    private const int KillAfterAcknowledged = 3000;

    private readonly TempDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Every_acknowledged_task_survives_a_sigkill_under_concurrent_load()
    {
        var acknowledged = new ConcurrentDictionary<string, string>();
        await using (var durq = await DurqProcess.StartAsync(_data.Path, "--max-pending", "0"))
        {
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, Clients)
                .Select(client => EnqueueUntilStoppedAsync(durq, client, acknowledged, enough, stop.Token))
                .ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
            // Killed while all clients are still sending: some requests are mid-flight and will never be answered.
            await durq.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        Assert.True(acknowledged.Count >= KillAfterAcknowledged);
        await using var restarted = await DurqProcess.StartAsync(_data.Path, "--max-pending", "0");
        var stored = await ReadAllTasksAsync(restarted);
        var missing = acknowledged.Keys.Where(id => !stored.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged tasks are gone, e.g. {missing.FirstOrDefault()}");
        Assert.All(acknowledged, pair => Assert.Equal(pair.Value, stored[pair.Key]));
    }

    private static async Task EnqueueUntilStoppedAsync(
        DurqProcess durq, int client, ConcurrentDictionary<string, string> acknowledged, TaskCompletionSource enough, CancellationToken stop)
    {
        using var http = durq.CreateClient();
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            var input = $$"""{"client":{{client}},"sequence":{{sequence}}}""";
            try
            {
                using var response = await http.PostAsync("/api/v1/durable/tasks",
                    new StringContent($$"""{"activity_type":"crash.test","input":{{input}}}""", System.Text.Encoding.UTF8, "application/json"), stop);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                acknowledged[body.GetProperty("task_id").GetString()!] = input;
                if (acknowledged.Count >= KillAfterAcknowledged)
                {
                    enough.TrySetResult();
                }
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException or IOException)
            {
                // The server is gone (killed by the test): an unanswered request was never acknowledged.
                return;
            }
        }
    }

    private static async Task<Dictionary<string, string>> ReadAllTasksAsync(DurqProcess durq)
    {
        using var http = durq.CreateClient();
        var stored = new Dictionary<string, string>();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks?limit=500" + (cursor is null ? "" : "&cursor=" + cursor));
            foreach (var item in page.GetProperty("data").EnumerateArray())
            {
                var id = item.GetProperty("id").GetString()!;
                stored[id] = "";
            }

            cursor = page.TryGetProperty("next_cursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        // Lists leave out inputs; read each acknowledged task's input back individually.
        foreach (var id in stored.Keys.ToList())
        {
            var task = await http.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks/" + id);
            stored[id] = task.GetProperty("input").GetRawText();
        }

        return stored;
    }
}
