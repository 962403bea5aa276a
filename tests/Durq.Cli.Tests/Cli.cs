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
}
