using Durq.Bench.Workloads;

namespace Durq.Bench.Report;

/// <summary>Everything a suite run collected: each run's figures, the stores it ran on, Hangfire's reports, what failed.</summary>
internal sealed class ResultSet
{
    /// <summary>D1-history's figure set against plain D1's in the same run (1.0 = history costs nothing).</summary>
    public const string HistoryRatioMetric = "throughput ÷ D1";

    private readonly List<RunFigure> _figures = [];

    public Dictionary<string, string> StoreDescriptions { get; } = [];

    public Dictionary<string, PeerResult> Peers { get; } = [];

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
        var peer = Peers.TryGetValue(first.Store, out var report) ? report.Matching(first.Workload, first.Figure.Metric) : null;
        double? ratio = peer is { Value: > 0 } && first.Figure.Metric == "throughput" ? median / peer.Value : null;
        return new ResultRow(first.Store, first.Workload, first.Title, first.Figure.Metric, first.Figure.Unit, values, median, peer, ratio);
    }

    private double? Value(string store, string workload, int run, string metric) =>
        _figures.FirstOrDefault(f => f.Store == store && f.Workload == workload && f.Run == run && f.Figure.Metric == metric)?.Figure.Value;
}
