using System.Text.Json;
using Durq.Bench.Suite;

namespace Durq.Bench.Report;

/// <summary>The Hangfire peer's report for one store: its figures, and the whole JSON as it wrote it.</summary>
internal sealed record PeerResult(string Peer, string StoreSettings, IReadOnlyList<PeerFigure> Figures, JsonElement Report)
{
    /// <summary>Reads the report Durq.Bench.Peers writes with <c>--json</c> (camelCase: peer, storeSettings, figures).</summary>
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
    /// Hangfire's figure for a Durq workload's metric, where the peer measured the same thing: E1 with 32 clients,
    /// E1-seq, and D1 (same job count and 16 workers).
    /// </summary>
    public PeerFigure? Matching(string workload, string metric)
    {
        var suffix = metric switch
        {
            "throughput" => "",
            "p50" or "p99" => " " + metric,
            _ => null,
        };
        return (workload, suffix) switch
        {
            (_, null) => null,
            ("e1", _) => Figures.FirstOrDefault(f => f.Workload == $"E1-{WorkloadSizes.EnqueueConnections} enqueue" + suffix),
            ("e1-seq", _) => Figures.FirstOrDefault(f => f.Workload == "E1-seq enqueue" + suffix),
            ("d1", "") => Figures.FirstOrDefault(f => f.Workload.StartsWith("D1 drain", StringComparison.Ordinal) && f.Unit == "jobs/s"),
            _ => null,
        };
    }
}
