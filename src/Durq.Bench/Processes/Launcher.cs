using System.Diagnostics;
using System.Reflection;

namespace Durq.Bench.Processes;

/// <summary>How to start a .NET program: its apphost directly, or <c>dotnet</c> with its dll.</summary>
internal sealed record Launcher(string FileName, IReadOnlyList<string> LeadingArgs)
{
    /// <summary>
    /// The durq this process is: its apphost, or, when it runs as <c>dotnet durq.dll</c>, the same dotnet with the same
    /// dll — so the suite measures the very build that runs it.
    /// </summary>
    public static Launcher CurrentDurq()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown; give --durq");
        if (!IsDotnetHost(processPath))
        {
            return new Launcher(processPath, []);
        }

        // The dll's folder and name rather than Assembly.Location, which a single-file build leaves empty (IL3000); a
        // single file never gets here, as its process is durq itself, but the same code is compiled into it.
        var entryName = Assembly.GetEntryAssembly()?.GetName().Name;
        var entry = entryName is null ? null : Path.Combine(AppContext.BaseDirectory, entryName + ".dll");
        return entry is null || !File.Exists(entry)
            ? throw new InvalidOperationException("cannot tell which dll dotnet runs; give --durq")
            : new Launcher(processPath, [entry]);
    }

    /// <summary>A program given by path: a <c>.dll</c> runs under dotnet, anything else is started as it is.</summary>
    public static Launcher Of(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"{fullPath} does not exist", fullPath);
        }

        if (!fullPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new Launcher(fullPath, []);
        }

        var processPath = Environment.ProcessPath;
        var dotnet = processPath is not null && IsDotnetHost(processPath) ? processPath : "dotnet";
        return new Launcher(dotnet, [fullPath]);
    }

    public ProcessStartInfo StartInfo(IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(FileName) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in LeadingArgs.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public override string ToString() => string.Join(' ', [FileName, .. LeadingArgs]);

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
