using System.Text.Json;
using Durq.Bench.Suite;

namespace Durq.Bench.Report;

/// <summary>
/// A peer's report (Hangfire for one store, or a Node.js peer for the sitting): its figures, and the whole JSON as it
/// wrote it.
/// </summary>
internal sealed record PeerResult(string Peer, string StoreSettings, IReadOnlyList<PeerFigure> Figures, JsonElement Report)
{
    /// <summary>
    /// Reads the report Durq.Bench.Peers or bench/peers-node writes with <c>--json</c> (camelCase: peer, storeSettings,
    /// figures).
    /// </summary>
    public static PeerResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement.Clone();
        var figures = root.GetProperty("figures").EnumerateArray()
            .Select(f => new PeerFigure(
                f.GetProperty("workload").GetString()!,
                f.GetProperty("value").GetDouble(),
                f.GetProperty("unit").GetString()!,
                f.TryGetProperty("note", out var note) ? note.GetString() : null))
            .ToList();
        return new PeerResult(root.GetProperty("peer").GetString()!, root.GetProperty("storeSettings").GetString()!, figures, root);
    }

    /// <summary>
    /// The peer's figure for a Durq workload's metric, where it measured the same thing: E1 with 32 callers, E1-seq,
    /// E2 (1,000 jobs a call), D1 (same job count and 16 handlers) and L1 (enqueue → handler start).
    /// </summary>
    public PeerFigure? Matching(string workload, string metric)
    {
        var suffix = metric switch
        {
            "throughput" => "",
            "p50" or "p95" or "p99" or "batch p50" => " " + metric,
            _ => null,
        };
        var name = (workload, suffix) switch
        {
            (_, null) => null,
            ("e1", _) => $"E1-{WorkloadSizes.EnqueueConnections} enqueue" + suffix,
            ("e1-seq", _) => "E1-seq enqueue" + suffix,
            ("e2", "" or " batch p50") => "E2 bulk enqueue" + suffix,
            ("l1", not "") => "L1 enqueue to handler start" + suffix,
            _ => null,
        };
        return workload == "d1" && suffix == ""
            ? Figures.FirstOrDefault(f => f.Workload.StartsWith("D1 drain", StringComparison.Ordinal) && f.Unit == "jobs/s")
            : Figures.FirstOrDefault(f => f.Workload == name);
    }
}
