namespace Durq.Cli.ProgramWorker;

/// <summary>Finds a program the way starting it would, so that <c>durq worker</c> can refuse a typo before it claims a task.</summary>
internal static class ProgramLocator
{
    public static bool Exists(string program)
    {
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || program.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(program);
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return directories.Any(directory => Candidates(directory, program).Any(File.Exists));
    }

    private static IEnumerable<string> Candidates(string directory, string program)
    {
        yield return Path.Combine(directory, program);
        if (OperatingSystem.IsWindows())
        {
            yield return Path.Combine(directory, program + ".exe");
        }
    }
}
