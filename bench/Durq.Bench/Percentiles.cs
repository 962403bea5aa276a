namespace Durq.Bench;

/// <summary>Nearest-rank percentiles of a sorted sample.</summary>
internal static class Percentiles
{
    public static double Of(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
}
