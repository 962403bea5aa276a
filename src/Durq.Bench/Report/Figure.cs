namespace Durq.Bench.Report;

/// <summary>One number a workload measured in one run, e.g. <c>("throughput", 17014, "tasks/s")</c>.</summary>
internal sealed record Figure(string Metric, double Value, string Unit);
