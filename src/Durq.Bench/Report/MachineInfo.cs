using System.Globalization;
using System.Runtime.InteropServices;

namespace Durq.Bench.Report;

/// <summary>What the figures were measured on, so reports from different machines are not compared blindly.</summary>
internal static class MachineInfo
{
    public static string Describe() =>
        $"{Environment.MachineName}: {CpuModel()}, {Environment.ProcessorCount} cores, {MemoryGiB()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    private static string CpuModel() =>
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryGiB() =>
        FirstValue("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib)
            ? $"{kib / 1024.0 / 1024.0:F0} GiB"
            : "memory unknown";

    /// <summary>The value of the first <c>name: value</c> line of a Linux /proc file, or null.</summary>
    private static string? FirstValue(string path, string name)
    {
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim();
    }
}
