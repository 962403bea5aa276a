using System.Text.Encodings.Web;
using System.Text.Json;
using Durq.Bench.Suite;

namespace Durq.Bench.Report;

/// <summary>
/// The JSON file of a suite run: where and how it ran, every run's figures (the HTTP ceiling's under the store
/// "ceiling"), the medians with each peer's figure and the ratios, and the peers' own reports.
/// </summary>
internal static class SuiteReport
{
    // Relaxed escaping: the file is read by people and scripts, never embedded in HTML, so "÷" need not be "\u00F7".
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string path, SuiteSettings settings, ResultSet results, string machine, DateTimeOffset date)
    {
        var document = new
        {
            Machine = machine,
            Date = date,
            CommandLine = settings.CommandLine,
            Durq = settings.Durq.ToString(),
            Settings = new
            {
                settings.Stores,
                settings.Runs,
                settings.Workloads,
                settings.Quick,
                EnqueueWarmUpSeconds = settings.Sizes.Enqueue.WarmUp.TotalSeconds,
                EnqueueSeconds = settings.Sizes.Enqueue.Window.TotalSeconds,
                E1Connections = WorkloadSizes.EnqueueConnections,
                E2Clients = WorkloadSizes.BulkClients,
                E2BatchSize = WorkloadSizes.BatchSize,
                settings.Sizes.DrainTasks,
                settings.Sizes.LargeDrainTasks,
                settings.Sizes.HistoryRows,
                WorkerConcurrency = WorkloadSizes.WorkerConcurrency,
                settings.Sizes.LatencyTasks,
                WorkloadSizes.LatencyRate,
            },
            Stores = results.StoreDescriptions,
            Results = results.Rows(),
            Runs = results.Figures,
            Hangfire = results.Peers.ToDictionary(peer => peer.Key, peer => peer.Value.Report),
            NodePeers = results.SittingPeers.Select(peer => peer.Report),
            results.Notes,
            results.Failures,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(document, JsonOptions));
    }
}
