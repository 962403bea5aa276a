using Durq.Bench.Processes;
using Durq.Bench.Report;
using Durq.Bench.Stores;
using Npgsql;
using static Durq.Bench.Suite.InvariantNumbers;

namespace Durq.Bench.Suite;

/// <summary>
/// Runs bench/peers-node's runner for BullMQ (on a private redis-server it starts with <c>appendfsync always</c>),
/// pg-boss and graphile-worker (on a fresh PostgreSQL database, as Hangfire gets) with Durq's sizes, once per sitting,
/// and reads back the JSON report each writes, which has the Hangfire peer's shape.
/// </summary>
internal sealed class NodePeers(NodePeerSettings node, SuiteSettings settings)
{
    /// <summary>The workloads the runner knows, by Durq's ids.</summary>
    private static readonly string[] RunnerWorkloads = ["e1-seq", "e1", "e2", "d1", "l1"];

    private static readonly Dictionary<string, string> Names = new()
    {
        ["bullmq"] = "BullMQ",
        ["pgboss"] = "pg-boss",
        ["graphile"] = "graphile-worker",
    };

    /// <summary>Each peer's report, or why it was skipped (a note) or failed (a failure).</summary>
    public async Task RunAsync(ResultSet results)
    {
        var workloads = RunnerWorkloads.Where(settings.Workloads.Contains).ToList();
        if (workloads.Count == 0)
        {
            return;
        }

        foreach (var peer in node.Peers)
        {
            Progress.Line($"{Names[peer]}: {string.Join(", ", workloads)} (one run)");
            try
            {
                if (await RunPeerAsync(peer, workloads) is { } report)
                {
                    results.SittingPeers.Add(report);
                }
                else
                {
                    Note(results, $"{Names[peer]} skipped: no redis-server on PATH (apt-get install redis-server; bench/run.sh does).");
                }
            }
            catch (NpgsqlException e)
            {
                Note(results, $"{Names[peer]} skipped: PostgreSQL unreachable ({e.Message}); give --postgres or DURQ_BENCH_POSTGRES.");
            }
            catch (Exception e)
            {
                results.Failures.Add($"{Names[peer]}: {e.Message}");
                Progress.Line("  FAILED: " + e.Message);
            }
        }
    }

    private async Task<PeerResult?> RunPeerAsync(string peer, List<string> workloads)
    {
        if (peer == "bullmq" && node.RedisServer is null)
        {
            return null;
        }

        var workDir = Directory.CreateTempSubdirectory($"durq-bench-{peer}-").FullName;
        // pg-boss and graphile-worker get the database Hangfire gets, made afresh (Hangfire has dropped it by now).
        var postgres = peer == "bullmq" ? null : new PostgresBenchStore(settings.PostgresAdmin, settings.PostgresDatabase);
        try
        {
            string[] storeFlags = postgres is null
                ? ["--redis-server", node.RedisServer!]
                : ["--postgres", ToUri((await postgres.CreatePeerStoreAsync(workDir))[1])];
            var json = Path.Combine(workDir, peer + ".json");
            var runner = new Launcher(node.Node, [node.RunScript]);
            var (exitCode, output) = await ChildRun.RunAsync(
                runner, [peer, .. storeFlags, .. Arguments(workloads, json)], workDir, line => Progress.Line($"  {peer}: {line}"));
            // Exit code 1 with a report means the drain hit its cap: the figure's note says so.
            return File.Exists(json)
                ? PeerResult.Parse(await File.ReadAllTextAsync(json))
                : throw new InvalidOperationException($"bench/peers-node {peer} exited with code {exitCode} and no report:\n{output}");
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DropPeerStoreAsync(workDir);
            }

            Directory.Delete(workDir, recursive: true);
        }
    }

    private string[] Arguments(List<string> workloads, string json)
    {
        var sizes = settings.Sizes;
        return
        [
            "--workloads", string.Join(',', workloads),
            "--seconds", Text(Math.Max(0.1, sizes.Enqueue.Window.TotalSeconds)),
            "--warmup", Text(sizes.Enqueue.WarmUp.TotalSeconds),
            "--concurrency", Text(WorkloadSizes.EnqueueConnections),
            "--bulk-clients", Text(WorkloadSizes.BulkClients),
            "--batch-size", Text(WorkloadSizes.BatchSize),
            "--jobs", Text(sizes.DrainTasks),
            "--workers", Text(WorkloadSizes.WorkerConcurrency),
            "--latency-jobs", Text(sizes.LatencyTasks),
            "--rate", Text(WorkloadSizes.LatencyRate),
            // As for Hangfire: generous, it only stops a peer that has stalled.
            "--cap-minutes", Text(Math.Max(2, sizes.DrainTasks / 2_000)),
            "--json", json,
        ];
    }

    private static void Note(ResultSet results, string note)
    {
        results.Notes.Add(note);
        Progress.Line(note);
    }

    /// <summary>node-postgres takes a URI, not Npgsql's key=value form.</summary>
    internal static string ToUri(string npgsqlConnectionString)
    {
        var parts = new NpgsqlConnectionStringBuilder(npgsqlConnectionString);
        var uri = new UriBuilder("postgresql", parts.Host ?? "localhost", parts.Port)
        {
            UserName = Uri.EscapeDataString(parts.Username ?? ""),
            Password = Uri.EscapeDataString(parts.Password ?? ""),
            Path = "/" + Uri.EscapeDataString(parts.Database ?? ""),
        };
        return uri.Uri.AbsoluteUri;
    }
}
