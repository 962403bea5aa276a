using System.Net;
using System.Text.Json;
using Npgsql;

namespace Durq.Server.Tests;

/// <summary>
/// A node whose PostgreSQL database turns read-only while it runs (<c>ALTER DATABASE … SET
/// default_transaction_read_only = on</c>, as an operator would, or as a standby is): every write route answers 503
/// <c>storage_read_only</c> (worker registration used to answer 500), reads still answer, and <c>/health</c> says why.
/// On a database of its own (<c>DURQ_TEST_POSTGRES</c>'s server), as the setting applies to a whole database.
/// </summary>
public sealed class PostgresReadOnlyTests : IAsyncLifetime
{
    private const string Root = WorkerApi.Root;

    private readonly string _database = "durq_ro_" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _admin;
    private DurqApiFactory? _node;

    private NpgsqlDataSource Admin => _admin ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("DURQ_TEST_POSTGRES")
            ?? throw new InvalidOperationException("These tests need a PostgreSQL server: set DURQ_TEST_POSTGRES, or run ./test.sh.");
        _admin = NpgsqlDataSource.Create(server);
        await ExecuteAsync($"CREATE DATABASE {_database}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
        _node = new DurqApiFactory(new() { ["Storage:Postgres"] = connectionString });
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        await Admin.DisposeAsync();
    }

    [Fact]
    public async Task Every_write_route_answers_503_storage_read_only_and_reads_still_answer()
    {
        using var client = _node!.CreateClient();
        var pending = await client.EnqueueAsync("""{"activity_type":"a","input":1}""");
        var dead = await client.EnqueueAsync("""{"activity_type":"d","input":1,"options":{"max_attempts":1}}""");
        await client.RegisterAsync("w", "a");
        await client.ReportOkAsync(await client.ClaimOneAsync("w", "d"), "fail", ""","error":{"message":"boom"}""");
        await client.EnqueueAsync("""{"activity_type":"c","input":1}""");
        var claimed = await client.ClaimOneAsync("w", "c");
        var lease = claimed.GetProperty("lease_id").GetString();
        var claimedId = claimed.GetProperty("id").GetString();

        await MakeReadOnlyAsync();
        await WaitUntil.HoldsAsync(
            async () => await CodeOfAsync(client.PostJsonAsync(Http.Tasks, """{"activity_type":"a","input":2}""")) == "storage_read_only",
            "the node's writer to meet the read-only database");

        (HttpMethod Method, string Path, string? Body)[] writes =
        [
            (HttpMethod.Post, Http.Tasks, """{"activity_type":"a","input":3}"""),
            (HttpMethod.Post, Http.Tasks + "/batch", """{"tasks":[{"activity_type":"a","input":4}]}"""),
            (HttpMethod.Post, $"{Http.Tasks}/{pending}/cancel", null),
            (HttpMethod.Post, Http.Tasks + "/claim", """{"worker_id":"w","activity_types":["a"]}"""),
            (HttpMethod.Post, $"{Http.Tasks}/{claimedId}/heartbeat", $$"""{"lease_id":"{{lease}}"}"""),
            (HttpMethod.Post, $"{Http.Tasks}/{claimedId}/complete", $$"""{"lease_id":"{{lease}}"}"""),
            (HttpMethod.Post, $"{Http.Tasks}/{claimedId}/fail", $$$"""{"lease_id":"{{{lease}}}","error":{"message":"x"}}"""),
            (HttpMethod.Post, Http.Tasks + "/complete", $$"""{"completions":[{"task_id":"{{claimedId}}","lease_id":"{{lease}}"}]}"""),
            (HttpMethod.Post, $"{Root}/dlq/{dead}/retry", null),
            (HttpMethod.Post, $"{Root}/dlq/retry", """{"all":true}"""),
            (HttpMethod.Put, $"{Root}/workers/w2", """{"activity_types":["a"],"hostname":"h","version":"1"}"""),
            (HttpMethod.Post, $"{Root}/workers/w/heartbeat", """{"current_load":0}"""),
            (HttpMethod.Post, $"{Root}/workers/w/drain", null),
            (HttpMethod.Post, $"{Root}/workers/w/resume", null),
            (HttpMethod.Delete, $"{Root}/workers/w", null),
        ];
        foreach (var (method, path, body) in writes)
        {
            // Bodiless state changes are marked JSON too, as every keyless state change must be (docs/security.md).
            using var request = new HttpRequestMessage(method, path) { Content = Http.Json(body ?? "") };
            using var response = await client.SendAsync(request);
            var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage_read_only");
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{method} {path} answered 503 without Retry-After.");
            Assert.DoesNotContain("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(pending, (await client.GetTaskAsync(pending)).GetProperty("id").GetString());
        using var health = await client.GetAsync($"{Root}/health");
        var verdict = await health.ReadJsonAsync();
        Assert.Equal("degraded", verdict.GetProperty("status").GetString());
        Assert.Equal("storage_read_only", verdict.GetProperty("reasons")[0].GetProperty("code").GetString());
    }

    /// <summary>The database turns read-only for new sessions; the node's sessions are ended so it opens new ones.</summary>
    private async Task MakeReadOnlyAsync()
    {
        await ExecuteAsync($"ALTER DATABASE {_database} SET default_transaction_read_only = on");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database}' AND pid <> pg_backend_pid()");
    }

    private static async Task<string?> CodeOfAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        var body = await response.ReadJsonAsync();
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
