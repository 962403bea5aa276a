namespace Durq.Bench.Report;

/// <summary>A figure of one run of one workload on one store.</summary>
internal sealed record RunFigure(string Store, string Workload, string Title, int Run, Figure Figure);
