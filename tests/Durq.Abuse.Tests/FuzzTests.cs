using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Durq.Abuse.Tests;

/// <summary>
/// Random JSON (and mutations of valid bodies) thrown at enqueue, batch enqueue and every worker route of a real node:
/// never a 500, every refusal a problem document, the node still answers <c>/health</c>, and every task it acknowledged
/// with a 201 can still be read. The seed is random unless <c>DURQ_FUZZ_SEED</c> gives one; a failure prints it.
/// </summary>
public abstract class FuzzTests(Store store, ITestOutputHelper output) : IAsyncLifetime
{
    public const int CasesPerRoute = 125;
    private const string Api = "/api/v1/durable";

    private readonly ulong _seed = Environment.GetEnvironmentVariable("DURQ_FUZZ_SEED") is { Length: > 0 } seed
        ? ulong.Parse(seed, System.Globalization.CultureInfo.InvariantCulture)
        : (ulong)Random.Shared.NextInt64();

    private readonly List<string> _acknowledged = [];
    private readonly SortedDictionary<int, int> _statuses = [];
    private KestrelNode _node = null!;

    public async Task InitializeAsync() => _node = await KestrelNode.StartAsync(store);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Random_bodies_never_break_the_node_or_lose_an_acknowledged_task()
    {
        var leases = await ClaimSomeAsync(8);
        var (task, lease) = leases[0];
        var routes = new (string Method, string Path, string Valid)[]
        {
            ("POST", Api + "/tasks", """{"activity_type":"fuzz","input":{"n":1},"options":{"max_attempts":3,"priority":1,"retry":{"jitter":0.5}}}"""),
            ("POST", Api + "/tasks/batch", """{"tasks":[{"activity_type":"fuzz","input":1},{"activity_type":"fuzz","input":{},"options":{"delay_seconds":5}}]}"""),
            ("PUT", Api + "/workers/fuzz-worker", """{"activity_types":["fuzz"],"max_concurrency":4,"hostname":"h","version":"1","worker_group":"g"}"""),
            ("POST", Api + "/workers/fuzz-worker/heartbeat", """{"current_load":1}"""),
            ("POST", Api + "/tasks/claim", """{"worker_id":"fuzz-worker","activity_types":["fuzz"],"max_tasks":1,"wait_ms":0}"""),
            ("POST", $"{Api}/tasks/{task}/heartbeat", $$$"""{"lease_id":"{{{lease}}}","details":{"step":1}}"""),
            ("POST", $"{Api}/tasks/{leases[1].Task}/complete", $$$"""{"lease_id":"{{{leases[1].Lease}}}","result":{"ok":true}}"""),
            ("POST", $"{Api}/tasks/{leases[2].Task}/fail", $$$"""{"lease_id":"{{{leases[2].Lease}}}","error":{"message":"m","type":"t"},"retryable":true}"""),
        };

        var cases = 0;
        var started = DateTime.UtcNow;
        foreach (var (method, path, valid) in routes)
        {
            var bodies = JsonFuzz.Sample(JsonFuzz.Body(valid), _seed + (ulong)cases, CasesPerRoute);
            foreach (var body in bodies)
            {
                await SendAsync(method, path, body);
                cases++;
            }
        }

        await AssertAliveAndNothingLostAsync();
        output.WriteLine($"seed {_seed}: {cases} cases in {DateTime.UtcNow - started}; answers {string.Join(", ", _statuses.Select(s => $"{s.Key}×{s.Value}"))}; {_acknowledged.Count} tasks acknowledged and read back");
        Assert.True(cases == routes.Length * CasesPerRoute, $"{cases} cases in {DateTime.UtcNow - started}");
    }

    private async Task SendAsync(string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await _node.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        _statuses[(int)response.StatusCode] = _statuses.GetValueOrDefault((int)response.StatusCode) + 1;
        var what = $"seed {_seed} (DURQ_FUZZ_SEED={_seed} replays it): {method} {path} {JsonFuzz.Describe(body)} → {(int)response.StatusCode} {text}";
        Assert.True((int)response.StatusCode < 500, what);
        if (!response.IsSuccessStatusCode)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == Problem.MediaType, what);
            return;
        }

        if (response.StatusCode == HttpStatusCode.Created)
        {
            Remember(JsonDocument.Parse(text).RootElement);
        }
    }

    private void Remember(JsonElement answer)
    {
        if (answer.TryGetProperty("task_id", out var id))
        {
            _acknowledged.Add(id.GetString()!);
        }
        else if (answer.TryGetProperty("task_ids", out var ids))
        {
            _acknowledged.AddRange(ids.EnumerateArray().Select(i => i.GetString()!));
        }
    }

    private async Task AssertAliveAndNothingLostAsync()
    {
        using var health = await _node.Client.GetAsync(Api + "/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        foreach (var id in _acknowledged)
        {
            using var read = await _node.Client.GetAsync($"{Api}/tasks/{id}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"seed {_seed}: task {id} was acknowledged with 201 and now answers {(int)read.StatusCode}");
        }
    }

    /// <summary>Enqueues and claims <paramref name="count"/> tasks, so the lease routes are fuzzed with real leases.</summary>
    private async Task<List<(string Task, string Lease)>> ClaimSomeAsync(int count)
    {
        var tasks = string.Join(",", Enumerable.Repeat("""{"activity_type":"fuzz.claimed","input":{}}""", count));
        using var enqueued = await _node.Client.PostAsync(Api + "/tasks/batch", new StringContent($$"""{"tasks":[{{tasks}}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, enqueued.StatusCode);
        Remember(JsonDocument.Parse(await enqueued.Content.ReadAsStringAsync()).RootElement);
        var claim = $$"""{"worker_id":"fuzz-worker","activity_types":["fuzz.claimed"],"max_tasks":{{count}}}""";
        using var claimed = await _node.Client.PostAsync(Api + "/tasks/claim", new StringContent(claim, Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await claimed.Content.ReadAsStringAsync()).RootElement;
        return [.. answer.GetProperty("tasks").EnumerateArray().Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("lease_id").GetString()!))];
    }
}

public sealed class SqliteFuzzTests(ITestOutputHelper output) : FuzzTests(Store.Sqlite, output);

public sealed class PostgresFuzzTests(ITestOutputHelper output) : FuzzTests(Store.Postgres, output);
