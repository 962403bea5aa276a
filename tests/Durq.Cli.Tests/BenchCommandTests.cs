using System.Text.Json;

namespace Durq.Cli.Tests;

/// <summary>
/// <c>durq bench --quick</c> as a user runs it: real servers, real databases, every workload, a JSON report. Figures are
/// never asserted (they are measured, and CI's cores are shared); only that each workload produced one.
/// </summary>
public sealed class BenchCommandTests
{
    private const string PostgresVariable = "DURQ_TEST_POSTGRES";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly string[] Workloads = ["e1", "e1-seq", "e2", "d1", "d1-limited", "d1-200k", "d1-history", "l1"];

    [Fact]
    public async Task A_quick_run_on_sqlite_measures_every_workload()
    {
        using var folder = new TempDir();

        var report = await RunQuickSuiteAsync(folder, "--store", "sqlite");

        AssertEveryWorkloadMeasured(report, "sqlite");
    }

    [Fact]
    public async Task A_quick_run_on_postgres_measures_every_workload()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException($"The PostgreSQL bench test needs a database: set {PostgresVariable}, or run ./test.sh.");
        using var folder = new TempDir();

        // A database of the test's own, so a bench someone runs on this machine at the same time is not disturbed.
        var report = await RunQuickSuiteAsync(
            folder, "--store", "postgres", "--postgres", admin, "--postgres-database", "durq_bench_test_" + Guid.NewGuid().ToString("N")[..12]);

        AssertEveryWorkloadMeasured(report, "postgres");
    }

    /// <summary>
    /// The HTTP ceiling and one Node.js peer (graphile-worker: PostgreSQL only, no Redis) in the same sitting: each row
    /// they measured is set against Durq's, naming the peer. The peers' packages come from ./test.sh's npm ci.
    /// </summary>
    [Fact]
    public async Task A_quick_run_sets_durq_against_the_http_ceiling_and_a_node_peer()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException($"The peer bench test needs a database for graphile-worker: set {PostgresVariable}, or run ./test.sh.");
        var ceiling = Path.Combine(RepositoryPaths.Root, "bench", "Durq.Bench.Ceiling", "bin", RepositoryProgram.Configuration, "net10.0", "Durq.Bench.Ceiling.dll");
        var peersNode = Path.Combine(RepositoryPaths.Root, "bench", "peers-node");
        Assert.True(File.Exists(ceiling), "Build the solution first: the ceiling is not at " + ceiling);
        Assert.True(Directory.Exists(Path.Combine(peersNode, "node_modules")), $"npm ci in {peersNode} first (./test.sh does)");
        using var folder = new TempDir();

        var report = await RunQuickSuiteAsync(
            folder, "--store", "sqlite", "--workloads", "e1,e1-seq,d1", "--ceiling", ceiling, "--peers", "graphile", "--peers-node", peersNode,
            "--postgres", admin, "--postgres-database", "durq_bench_test_" + Guid.NewGuid().ToString("N")[..12]);

        Assert.Empty(report.GetProperty("failures").EnumerateArray());
        var graphile = Assert.Single(report.GetProperty("node_peers").EnumerateArray());
        Assert.StartsWith("graphile-worker 0.17", graphile.GetProperty("peer").GetString(), StringComparison.Ordinal);
        var rows = report.GetProperty("results").EnumerateArray().ToList();
        foreach (var workload in new[] { "e1", "e1-seq" })
        {
            var ceilingRow = Row(rows, "ceiling", workload, "throughput");
            Assert.True(ceilingRow.GetProperty("median").GetDouble() > 0, $"the ceiling measured no {workload}");
            Assert.True(Row(rows, "sqlite", workload, "throughput").GetProperty("ceiling_ratio").GetDouble() > 0, $"{workload} has no Durq ÷ ceiling");
        }

        foreach (var workload in new[] { "e1", "e1-seq", "d1" })
        {
            var row = Row(rows, "sqlite", workload, "throughput");
            Assert.StartsWith("graphile-worker", row.GetProperty("best_peer").GetProperty("peer").GetString(), StringComparison.Ordinal);
            Assert.True(row.GetProperty("peer_ratio").GetDouble() > 0, $"{workload} has no Durq ÷ best peer");
        }
    }

    private static JsonElement Row(List<JsonElement> rows, string store, string workload, string metric) =>
        rows.Single(r => r.GetProperty("store").GetString() == store && r.GetProperty("workload").GetString() == workload && r.GetProperty("metric").GetString() == metric);

    /// <summary>
    /// Runs the suite from an empty folder (so, unless told where, it finds no Hangfire, ceiling or Node.js peers there
    /// and skips them) and returns the JSON report it wrote.
    /// </summary>
    private static async Task<JsonElement> RunQuickSuiteAsync(TempDir folder, params string[] args)
    {
        var json = Path.Combine(folder.Path, "bench.json");
        var start = RepositoryProgram.StartInfo(RepositoryProgram.Durq, ["bench", "--quick", "--json", json, .. args]);
        start.WorkingDirectory = folder.Path;
        var process = await ProcessRun.RunAsync(start, Deadline);

        var output = $"-- stdout:\n{process.Stdout}\n-- stderr:\n{process.Stderr}";
        Assert.True(process.ExitCode == 0, $"durq bench exited with {process.ExitCode}\n{output}");
        Assert.True(File.Exists(json), "no JSON report\n" + output);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return document.RootElement.Clone();
    }

    private static void AssertEveryWorkloadMeasured(JsonElement report, string store)
    {
        Assert.Empty(report.GetProperty("failures").EnumerateArray());
        var results = report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("store").GetString() == store).ToList();
        foreach (var workload in Workloads)
        {
            var medians = results
                .Where(r => r.GetProperty("workload").GetString() == workload)
                .Select(r => r.GetProperty("median").GetDouble())
                .ToList();
            Assert.True(medians.Any(median => median > 0), $"{workload} on {store} has no positive figure: [{string.Join(", ", medians)}]");
        }
    }
}
