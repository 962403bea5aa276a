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
    /// Runs the suite from an empty folder (so it finds no Hangfire build there and skips the peer) and returns the
    /// JSON report it wrote.
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
