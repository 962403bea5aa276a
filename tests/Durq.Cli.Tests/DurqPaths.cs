using System.Diagnostics;
using System.Reflection;

namespace Durq.Cli.Tests;

/// <summary>Where the built <c>durq</c> is, and how to start it.</summary>
internal static class DurqPaths
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DurqDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The machine's own settings must not leak into what a test sees.
        start.Environment.Remove("DURQ_URL");
        start.Environment.Remove("COLUMNS");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return start;
    }

    private static string DurqDll
    {
        get
        {
            var configuration = typeof(DurqPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var dll = Path.Combine(RepositoryRoot, "src", "Durq.Cli", "bin", configuration, "net10.0", "durq.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: durq is not at " + dll);
        }
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Durq.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("Durq.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
