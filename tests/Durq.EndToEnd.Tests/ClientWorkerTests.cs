using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// Workers in other languages, run end to end against one real <c>durq serve</c> that needs a key: a TypeScript worker
/// typed from the server's own OpenAPI document (openapi-typescript, then <c>tsc</c> in strict mode), and a Python worker
/// with only the standard library, written from docs/worker-protocol.md (clients/). Each enqueues, claims with a
/// long-poll, heartbeats, completes, fails a task into the DLQ and retries it from there; the test then reads back what
/// each said it completed. The TypeScript tools come from clients/typescript/package-lock.json (<c>npm ci</c>, which
/// ./test.sh runs).
/// </summary>
public sealed class ClientWorkerTests(ClientWorkerTests.KeyedServer server) : IClassFixture<ClientWorkerTests.KeyedServer>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private static readonly string Clients = Path.Combine(RepositoryPaths.Root, "clients");
    private static readonly string TypeScript = Path.Combine(Clients, "typescript");

    [Fact]
    public async Task A_TypeScript_worker_generated_from_the_document_runs_the_protocol()
    {
        var tools = Path.Combine(TypeScript, "node_modules");
        Assert.True(Directory.Exists(tools), $"{tools} is missing: run 'npm ci' in clients/typescript (./test.sh does).");

        await RunAsync(TypeScript, "node", Path.Combine(tools, "openapi-typescript", "bin", "cli.js"),
            new Uri(server.Durq.BaseAddress, "/openapi/v1.json").ToString(), "--default-non-nullable", "false",
            "--output", Path.Combine("src", "generated", "durq.ts"));
        await RunAsync(TypeScript, "node", Path.Combine(tools, "typescript", "bin", "tsc"), "--project", "tsconfig.json");
        var output = await RunAsync(TypeScript, "node", Path.Combine("dist", "worker.js"), server.Durq.BaseAddress.ToString(), "e2e.typescript");

        await AssertCompletedAsync(output);
    }

    [Fact]
    public async Task A_Python_worker_on_the_standard_library_runs_the_protocol()
    {
        var output = await RunAsync(Path.Combine(Clients, "python"), "python3", "durq_worker.py", server.Durq.BaseAddress.ToString(), "e2e.python");

        await AssertCompletedAsync(output);
    }

    /// <summary>What the worker printed it completed is, read back by another client, completed; one of them after a DLQ retry.</summary>
    private async Task AssertCompletedAsync(string output)
    {
        var ids = JsonDocument.Parse(output).RootElement.GetProperty("completed").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, ids.Count);
        using var http = server.CreateClient();
        var tasks = new List<JsonElement>();
        foreach (var id in ids)
        {
            tasks.Add(await http.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks/" + id));
        }

        Assert.All(tasks, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        Assert.Single(tasks, t => t.TryGetProperty("requeue_count", out var count) && count.GetInt32() == 1);
    }

    private async Task<string> RunAsync(string folder, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DURQ_API_KEY"] = server.Key;
        var run = await ProcessRun.RunAsync(start, RunTimeout);
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', args)}: {run}");
        return run.Stdout;
    }

    /// <summary>One server for the class, on a data folder that holds an admin key, so every request needs it.</summary>
    public sealed class KeyedServer : IAsyncLifetime
    {
        private readonly TempDir _data = new();

        public DurqProcess Durq { get; private set; } = null!;

        public string Key { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var created = await ProcessRun.RunAsync(
                RepositoryProgram.StartInfo(RepositoryProgram.Durq, ["keys", "create", "--data-dir", _data.Path, "--tenant", "default", "--scopes", "admin"]),
                TimeSpan.FromSeconds(60));
            Assert.True(created.ExitCode == 0, created.ToString());
            Key = created.Stdout.Trim();
            Durq = await DurqProcess.StartAsync(_data.Path);
        }

        public HttpClient CreateClient()
        {
            var client = Durq.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            return client;
        }

        public async Task DisposeAsync()
        {
            await Durq.DisposeAsync();
            _data.Dispose();
        }
    }
}
