namespace Durq.Cli.Tests;

/// <summary>Runs <c>durq</c> client commands as a user would: a process each, to its exit.</summary>
internal static class Cli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = RepositoryProgram.StartInfo(RepositoryProgram.Durq, args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return ProcessRun.RunAsync(start, Timeout, stdin);
    }

    /// <summary>Asserts that <paramref name="run"/> failed with exactly one line on stderr, and returns that line.</summary>
    public static string OneLineOfStderr(ProcessResult run)
    {
        Assert.True(run.ExitCode != 0, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, run.ToString());
        return lines[0];
    }
}
