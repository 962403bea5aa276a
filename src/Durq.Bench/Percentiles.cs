namespace Durq.Bench;

/// <summary>
/// Nearest-rank percentiles of a sorted sample, and the median of a few runs. Durq.Bench.Peers compiles this file too,
/// so Durq and its peers are summarised the same way.
/// </summary>
internal static class Percentiles
{
    public static double Of(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];

    /// <summary>The middle value; with an even count, the mean of the two middle ones.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
