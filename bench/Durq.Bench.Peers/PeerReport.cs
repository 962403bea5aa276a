using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Durq.Bench.Peers;

/// <summary>A run's figures with what they were measured on, as a table for people and as JSON for scripts.</summary>
internal sealed record PeerReport(string Peer, string Store, string StoreSettings, int Workers, IReadOnlyList<Figure> Figures)
{
    // Relaxed escaping: the file is read by people and scripts, never embedded in HTML, so "+" need not be "\u002B".
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public DateTimeOffset Date { get; } = DateTimeOffset.UtcNow;

    public string Machine { get; } =
        $"{Environment.MachineName}: {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public void WriteTable(TextWriter output)
    {
        output.WriteLine($"{Peer} on {StoreSettings}, {Workers} workers");
        output.WriteLine($"{Machine} — {Date:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine();
        output.WriteLine($"| {"workload",-22} | {"store",-8} | {"value",10} | unit   |");
        output.WriteLine($"|{new string('-', 24)}|{new string('-', 10)}|{new string('-', 12)}|--------|");
        foreach (var figure in Figures)
        {
            var value = figure.Value.ToString(figure.Unit == "jobs/s" ? "N0" : "N2", CultureInfo.InvariantCulture);
            output.WriteLine($"| {figure.Workload,-22} | {figure.Store,-8} | {value,10} | {figure.Unit,-6} |{(figure.Note is null ? "" : " " + figure.Note)}");
        }
    }

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>The CPU's name where Linux tells it, so reports from different machines are not compared blindly.</summary>
    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        var line = File.Exists(CpuInfo) ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
