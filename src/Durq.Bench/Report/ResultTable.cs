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
        output.WriteLine("| workload | metric | store | median | runs | best peer | Durq ÷ best peer | HTTP ceiling | Durq ÷ ceiling |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in results.Rows())
        {
            var runs = string.Join(" · ", row.Runs.Select(value => Number(value, row.Unit)));
            var peer = row.BestPeer is { } best ? $"{best.Peer}: {WithUnit(best.Value, best.Unit)}{(best.Note is null ? "" : " (" + best.Note + ")")}" : "";
            var ceiling = row.Ceiling is { } c ? WithUnit(c, row.Unit) : "";
            var vsCeiling = PeerMatch.IsTime(row.Unit) ? Ratio(row.CeilingRatio) : Percent(row.CeilingRatio);
            output.WriteLine(
                $"| {row.Title} | {row.Metric} | {row.Store} | **{WithUnit(row.Median, row.Unit)}** | {runs} | {peer} | {Ratio(row.PeerRatio)} | {ceiling} | {vsCeiling} |");
        }

        output.WriteLine();
        foreach (var (store, description) in results.StoreDescriptions)
        {
            output.WriteLine($"- {store}: {description}");
        }

        output.WriteLine("- Durq ÷ best peer: for a rate, above 1× is Durq ahead; for a time (ms), below 1×. The peers enqueue by a library call, Durq over HTTP.");
        output.WriteLine("- Durq ÷ ceiling: Durq's rate as a share of the HTTP ceiling's (bench/Durq.Bench.Ceiling: the same route and body parsed, nothing stored), and its times as a multiple of the ceiling's.");
        foreach (var (store, peer) in results.Peers)
        {
            output.WriteLine($"- Hangfire on {store}: {peer.Peer}, {peer.StoreSettings}");
        }

        foreach (var peer in results.SittingPeers)
        {
            output.WriteLine($"- {peer.Peer}: {peer.StoreSettings}");
        }

        foreach (var line in results.Notes.Concat(results.Failures.Select(failure => "FAILED " + failure)))
        {
            output.WriteLine($"- {line}");
        }
    }

    private static string Ratio(double? ratio) => ratio is { } r ? $"**{r.ToString("F2", CultureInfo.InvariantCulture)}×**" : "";

    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("F0", CultureInfo.InvariantCulture) + " %" : "";

    /// <summary>The figure and its unit after a space, but a ratio with its "×" right after the number.</summary>
    public static string WithUnit(double value, string unit) => Number(value, unit) + (unit == "×" ? unit : " " + unit);

    /// <summary>Rates as whole numbers with separators, times and ratios with two decimals.</summary>
    public static string Number(double value, string unit) =>
        value.ToString(unit is "ms" or "×" ? "N2" : "N0", CultureInfo.InvariantCulture);
}
