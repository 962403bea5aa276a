namespace Durq.Bench.Report;

/// <summary>One figure from a peer's JSON report (Durq.Bench.Peers' <c>Figure</c>, bench/peers-node's figures).</summary>
internal sealed record PeerFigure(string Workload, double Value, string Unit, string? Note);
