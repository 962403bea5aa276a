namespace Durq.Bench.Load;

/// <summary>What one load run measured: successful and failed requests in the window, and their sorted latencies.</summary>
internal sealed record LoadResult(int Succeeded, int Failed, TimeSpan Window, double[] SortedLatenciesMs)
{
    public double RequestsPerSecond => Succeeded / Window.TotalSeconds;

    public double LatencyMs(double percentile) => SortedLatenciesMs.Length == 0 ? 0 : Percentiles.Of(SortedLatenciesMs, percentile);
}
