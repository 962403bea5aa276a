namespace Durq.Bench.Report;

/// <summary>One figure from the Hangfire peer's JSON report (Durq.Bench.Peers' <c>Figure</c>).</summary>
internal sealed record PeerFigure(string Workload, double Value, string Unit, string? Note);
