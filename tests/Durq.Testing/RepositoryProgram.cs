using System.Diagnostics;
using System.Reflection;

namespace Durq.Testing;

/// <summary>A .NET program this repository builds (durq, the sample worker), and how a test starts it.</summary>
public static class RepositoryProgram
{
    /// <summary>The project folder of the <c>durq</c> executable.</summary>
    public static readonly string Durq = Path.Combine("src", "Durq.Cli");

    /// <summary>The configuration the tests were built in (Debug, Release), and so the programs: one <c>dotnet build</c> builds both.</summary>
    public static readonly string Configuration =
        typeof(RepositoryProgram).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// <c>dotnet {the project's built dll} {args}</c>, with every stream redirected; the project is named by its folder
    /// under the repository root.
    /// </summary>
    public static ProcessStartInfo StartInfo(string projectFolder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllOf(projectFolder));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The machine's own settings must not leak into what a test sees.
        start.Environment.Remove("DURQ_URL");
        start.Environment.Remove("DURQ_API_KEY");
        start.Environment.Remove("COLUMNS");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return start;
    }

    private static string DllOf(string projectFolder)
    {
        var name = Path.GetFileName(projectFolder) == "Durq.Cli" ? "durq" : Path.GetFileName(projectFolder);
        var dll = Path.Combine(RepositoryPaths.Root, projectFolder, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: the program is not at " + dll);
    }
}
