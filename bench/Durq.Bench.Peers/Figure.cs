namespace Durq.Bench.Peers;

/// <summary>One measured figure of a workload; <paramref name="Note"/> says what is unusual about it, if anything.</summary>
internal sealed record Figure(string Workload, string Store, double Value, string Unit, string? Note = null);
