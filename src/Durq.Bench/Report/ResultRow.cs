namespace Durq.Bench.Report;

/// <summary>A line of the results: every run's value, their median, and Hangfire's figure and Durq ÷ Hangfire if any.</summary>
internal sealed record ResultRow(
    string Store, string Workload, string Title, string Metric, string Unit, IReadOnlyList<double> Runs, double Median, PeerFigure? Hangfire, double? Ratio);
