using Durq.Bench.Workloads;

namespace Durq.Bench.Report;

/// <summary>
/// Everything a suite run collected: each run's figures (the HTTP ceiling's under the store <see cref="CeilingStore"/>),
/// the stores it ran on, the peers' reports, what failed.
/// </summary>
internal sealed class ResultSet
{
    /// <summary>D1-history's figure set against plain D1's in the same run (1.0 = history costs nothing).</summary>
    public const string HistoryRatioMetric = "throughput ÷ D1";

    /// <summary>The store name the HTTP ceiling's figures are kept under: it stores nothing, but runs like a store.</summary>
    public const string CeilingStore = "ceiling";

    private readonly List<RunFigure> _figures = [];

    public Dictionary<string, string> StoreDescriptions { get; } = [];

    /// <summary>Hangfire's report per store: it runs on the same store as the Durq rows it is set against.</summary>
    public Dictionary<string, PeerResult> Peers { get; } = [];

    /// <summary>Peers on stores of their own (BullMQ on Redis, pg-boss and graphile-worker on PostgreSQL), run once and set against every store's rows.</summary>
    public List<PeerResult> SittingPeers { get; } = [];

    public List<string> Failures { get; } = [];

    public List<string> Notes { get; } = [];

    public IReadOnlyList<RunFigure> Figures => _figures;

    public void Add(string store, Workload workload, int run, IEnumerable<Figure> figures)
    {
        _figures.AddRange(figures.Select(figure => new RunFigure(store, workload.Id, workload.Title, run, figure)));
        if (workload.Id == "d1-history" && Value(store, "d1", run, "throughput") is { } plain && Value(store, workload.Id, run, "throughput") is { } history)
        {
            _figures.Add(new RunFigure(store, workload.Id, workload.Title, run, new Figure(HistoryRatioMetric, history / plain, "×")));
        }
    }

    /// <summary>One row per store, workload and metric, in the order they were measured, with the median of the runs.</summary>
    public IReadOnlyList<ResultRow> Rows() =>
        [.. _figures
            .GroupBy(f => (f.Store, f.Workload, f.Figure.Metric))
            .Select(group => ToRow([.. group]))];

    private ResultRow ToRow(List<RunFigure> runs)
    {
        var first = runs[0];
        var values = runs.Select(r => r.Figure.Value).ToList();
        var median = Percentiles.Median(values);
        var peers = first.Store == CeilingStore ? [] : PeerMatches(first.Store, first.Workload, first.Figure.Metric);
        var best = PeerMatch.Best(peers);
        // Only what HTTP alone bounds: the rate and the round trip, not the server's memory.
        var ceiling = first.Store == CeilingStore || first.Figure.Metric is not ("throughput" or "p50" or "p99")
            ? null
            : CeilingMedian(first.Workload, first.Figure.Metric);
        return new ResultRow(
            first.Store, first.Workload, first.Title, first.Figure.Metric, first.Figure.Unit, values, median,
            peers, best, Ratio(median, best?.Value), ceiling, Ratio(median, ceiling));
    }

    /// <summary>Hangfire on this store, then every sitting peer, that measured the same workload and metric.</summary>
    private List<PeerMatch> PeerMatches(string store, string workload, string metric)
    {
        IEnumerable<PeerResult> candidates = Peers.TryGetValue(store, out var hangfire) ? [hangfire, .. SittingPeers] : SittingPeers;
        return [.. candidates
            .Select(peer => (peer.Peer, Figure: peer.Matching(workload, metric)))
            .Where(match => match.Figure is not null)
            .Select(match => new PeerMatch(match.Peer, match.Figure!.Value, match.Figure.Unit, match.Figure.Note))];
    }

    private double? CeilingMedian(string workload, string metric)
    {
        var values = _figures.Where(f => f.Store == CeilingStore && f.Workload == workload && f.Figure.Metric == metric).Select(f => f.Figure.Value).ToList();
        return values.Count == 0 ? null : Percentiles.Median(values);
    }

    private static double? Ratio(double durq, double? other) => other is > 0 ? durq / other : null;

    private double? Value(string store, string workload, int run, string metric) =>
        _figures.FirstOrDefault(f => f.Store == store && f.Workload == workload && f.Run == run && f.Figure.Metric == metric)?.Figure.Value;
}
