using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// A claim is answered before its commit reaches the disk (README, "How it keeps tasks safe"): a crash of the database
/// right after the claims may lose them, and must lose nothing else. Each task is then pending or still claimed, never
/// gone; a lost claim's lease is refused and the task runs again; a kept one completes under its lease.
/// </summary>
public sealed class ClaimDurabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int TaskCount = 20;
    private const string Root = "/api/v1/durable";
    private const string Type = "durability.claim";

    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task After_a_database_crash_right_after_the_claims_every_task_is_pending_or_claimed_and_a_lost_lease_is_refused()
    {
        await using var durq = await DurqProcess.StartOnPostgresAsync(_postgres.ConnectionString);
        using var http = durq.CreateClient();
        var enqueued = await EnqueueAsync(http);
        (await http.PutAsJsonAsync($"{Root}/workers/w-crash", new { activity_types = new[] { Type }, max_concurrency = TaskCount })).EnsureSuccessStatusCode();
        // One claim per request, so each is a commit of its own that did not wait for the disk.
        var leases = new Dictionary<string, string>();
        for (var i = 0; i < TaskCount; i++)
        {
            var (id, lease) = await ClaimOneAsync(http);
            leases[id] = lease;
        }

        Assert.Equal(enqueued.Order(), leases.Keys.Order());
        await _postgres.CrashAndRestartAsync();
        await WaitUntil.HoldsAsync(async () => (await http.GetAsync($"{Root}/health")).IsSuccessStatusCode, "durq to reach the database again");

        var lost = new HashSet<string>();
        foreach (var (id, lease) in leases)
        {
            var status = await StatusAsync(http, id);
            Assert.True(status is "pending" or "claimed", $"task {id} is {status} after the crash");
            using var completion = await http.PostAsJsonAsync($"{Root}/tasks/{id}/complete", new { lease_id = lease, result = new { } });
            if (status == "pending")
            {
                lost.Add(id);
                Assert.Equal(HttpStatusCode.Conflict, completion.StatusCode);
                Assert.Equal("lease_lost", (await completion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
            }
        }

        // The tasks whose claims were lost run again, under new leases.
        for (var i = 0; i < lost.Count; i++)
        {
            var (id, lease) = await ClaimOneAsync(http);
            Assert.Contains(id, lost);
            (await http.PostAsJsonAsync($"{Root}/tasks/{id}/complete", new { lease_id = lease, result = new { } })).EnsureSuccessStatusCode();
        }

        Assert.All(enqueued, id => Assert.Equal("completed", StatusAsync(http, id).GetAwaiter().GetResult()));
        output.WriteLine($"{lost.Count} of {TaskCount} claims were lost with the database's crash; every task completed once.");
    }

    private static async Task<List<string>> EnqueueAsync(HttpClient http)
    {
        var tasks = Enumerable.Range(0, TaskCount).Select(i => new { activity_type = Type, input = new { i } });
        using var response = await http.PostAsJsonAsync($"{Root}/tasks/batch", new { tasks });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("task_ids").EnumerateArray().Select(t => t.GetString()!)];
    }

    private static async Task<(string Id, string Lease)> ClaimOneAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync($"{Root}/tasks/claim",
            new { worker_id = "w-crash", activity_types = new[] { Type }, max_tasks = 1, wait_ms = 0 });
        response.EnsureSuccessStatusCode();
        var task = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tasks").EnumerateArray().Single();
        return (task.GetProperty("id").GetString()!, task.GetProperty("lease_id").GetString()!);
    }

    private static async Task<string> StatusAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<JsonElement>($"{Root}/tasks/{id}")).GetProperty("status").GetString()!;
}
