using System.Globalization;
using Durq.Bench.Suite;

namespace Durq.Bench.Report;

/// <summary>The results as a Markdown table (readable in a terminal, pasteable into docs/BENCHMARKS.md), then notes.</summary>
internal static class ResultTable
{
    public static void Write(TextWriter output, SuiteSettings settings, ResultSet results, string machine, DateTimeOffset date)
    {
        output.WriteLine();
        output.WriteLine($"Durq benchmark suite — {machine} — {date:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"{(settings.Quick ? "quick smoke, " : "")}{settings.Runs} run(s) per workload, a fresh server and database each; medians.");
        output.WriteLine();
        output.WriteLine("| workload | metric | store | median | runs | Hangfire | Durq ÷ Hangfire |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var row in results.Rows())
        {
            var runs = string.Join(" · ", row.Runs.Select(value => Number(value, row.Unit)));
            var hangfire = row.Hangfire is { } peer ? $"{WithUnit(peer.Value, peer.Unit)}{(peer.Note is null ? "" : " (" + peer.Note + ")")}" : "";
            var ratio = row.Ratio is { } r ? $"**{r:F1}×**" : "";
            output.WriteLine($"| {row.Title} | {row.Metric} | {row.Store} | **{WithUnit(row.Median, row.Unit)}** | {runs} | {hangfire} | {ratio} |");
        }

        output.WriteLine();
        foreach (var (store, description) in results.StoreDescriptions)
        {
            output.WriteLine($"- {store}: {description}");
        }

        foreach (var (store, peer) in results.Peers)
        {
            output.WriteLine($"- Hangfire on {store}: {peer.Peer}, {peer.StoreSettings}");
        }

        foreach (var line in results.Notes.Concat(results.Failures.Select(failure => "FAILED " + failure)))
        {
            output.WriteLine($"- {line}");
        }
    }

    /// <summary>The figure and its unit after a space, but a ratio with its "×" right after the number.</summary>
    public static string WithUnit(double value, string unit) => Number(value, unit) + (unit == "×" ? unit : " " + unit);

    /// <summary>Rates as whole numbers with separators, times and ratios with two decimals.</summary>
    public static string Number(double value, string unit) =>
        value.ToString(unit is "ms" or "×" ? "N2" : "N0", CultureInfo.InvariantCulture);
}
