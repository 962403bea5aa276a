using Durq.Bench.Processes;
using Durq.Bench.Report;
using Durq.Bench.Stores;
using static Durq.Bench.Suite.InvariantNumbers;

namespace Durq.Bench.Suite;

/// <summary>
/// Runs Durq.Bench.Peers (Hangfire, LGPL: only ever a child process, never referenced) on a fresh database of the same
/// store, with D1's job count and E1's duration and clients, and reads back the JSON report it writes.
/// </summary>
internal static class HangfirePeer
{
    public static async Task<PeerResult> RunAsync(Launcher peers, IBenchStore store, WorkloadSizes sizes)
    {
        var workDir = Directory.CreateTempSubdirectory("durq-bench-hangfire-").FullName;
        try
        {
            var storeFlags = await store.CreatePeerStoreAsync(workDir);
            var json = Path.Combine(workDir, "hangfire.json");
            var (exitCode, output) = await ChildRun.RunAsync(peers, Arguments(store.Kind, storeFlags, sizes, json), workDir, line => Progress.Line("  hangfire: " + line));
            // Exit code 1 with a report means a workload hit its time cap: the report says so in the figure's note.
            return File.Exists(json)
                ? PeerResult.Parse(await File.ReadAllTextAsync(json))
                : throw new InvalidOperationException($"Durq.Bench.Peers exited with code {exitCode} and no report:\n{output}");
        }
        finally
        {
            await store.DropPeerStoreAsync(workDir);
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static string[] Arguments(string store, string[] storeFlags, WorkloadSizes sizes, string json) =>
    [
        "hangfire", "--store", store, .. storeFlags,
        "--seconds", Whole(Math.Max(1, sizes.Enqueue.Window.TotalSeconds)),
        "--warmup", Text(sizes.Enqueue.WarmUp.TotalSeconds),
        "--concurrency", Whole(WorkloadSizes.EnqueueConnections),
        "--jobs", Whole(sizes.DrainTasks),
        "--workers", Whole(WorkloadSizes.WorkerConcurrency),
        // Generous even for Hangfire's drain rate (docs/BENCHMARKS.md, the suite's table): the cap only stops a peer
        // that has stalled.
        "--cap-minutes", Whole(Math.Max(2, sizes.DrainTasks / 2_000)),
        "--json", json,
    ];
}
