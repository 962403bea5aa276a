namespace Durq.Bench.Suite;

/// <summary>
/// Finds what the Node.js peers need (<c>node</c>, bench/peers-node with its packages installed, <c>redis-server</c> for
/// BullMQ) and says plainly what is missing, so a machine without them still gets Durq's figures and a note.
/// </summary>
internal static class NodePeerFinder
{
    public static IReadOnlyList<string> Known { get; } = ["bullmq", "pgboss", "graphile"];

    public static (NodePeerSettings? Settings, string? Note) Find(IReadOnlyList<string> peers, string? givenFolder, string defaultFolder)
    {
        var chosen = peers.Where(p => p != "none").Distinct().ToList();
        if (chosen.Count == 0)
        {
            return (null, null);
        }

        var folder = Path.GetFullPath(givenFolder ?? defaultFolder);
        var script = Path.Combine(folder, "run.mjs");
        var skipped = $"Node.js peers ({string.Join(", ", chosen)}) skipped";
        if (!File.Exists(script))
        {
            return (null, $"{skipped}: {script} does not exist (give --peers-node, or --peers none).");
        }

        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            return (null, $"{skipped}: their packages are not installed (npm ci in {folder}; bench/run.sh does).");
        }

        return OnPath("node") is { } node
            ? (new NodePeerSettings(node, script, chosen, OnPath("redis-server")), null)
            : (null, $"{skipped}: no node on PATH (apt-get install nodejs npm; bench/run.sh does).");
    }

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    internal static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
