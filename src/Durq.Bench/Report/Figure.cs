namespace Durq.Bench.Report;

/// <summary>One number a workload measured in one run, with its metric and unit, e.g. throughput in tasks/s.</summary>
internal sealed record Figure(string Metric, double Value, string Unit);
