using System.Diagnostics;
using System.Text;

namespace Durq.Bench.Processes;

/// <summary>Runs a short-lived child (<c>durq migrate</c>, the Hangfire peer) to its exit, passing on its stderr lines.</summary>
internal static class ChildRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        Launcher program, IEnumerable<string> args, string workDir, Action<string>? onErrorLine = null)
    {
        var start = program.StartInfo(args, workDir);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            if (e.Data is not null)
            {
                onErrorLine?.Invoke(e.Data);
            }
        };
        process.Start();
        ChildProcesses.Track(process);
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await process.WaitForExitAsync();
        }
        finally
        {
            ChildProcesses.Forget(process);
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
