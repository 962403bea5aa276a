namespace Durq.Bench.Report;

/// <summary>
/// A line of the results: every run's value and their median; every peer's figure for it, the best of them and
/// Durq ÷ best peer; the HTTP ceiling's median for it and Durq ÷ ceiling (E1 and E1-seq). For a time (ms) a ratio
/// below 1 is Durq ahead; for a rate, above 1.
/// </summary>
internal sealed record ResultRow(
    string Store,
    string Workload,
    string Title,
    string Metric,
    string Unit,
    IReadOnlyList<double> Runs,
    double Median,
    IReadOnlyList<PeerMatch> Peers,
    PeerMatch? BestPeer,
    double? PeerRatio,
    double? Ceiling,
    double? CeilingRatio);
