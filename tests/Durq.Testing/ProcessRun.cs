using System.Diagnostics;

namespace Durq.Testing;

/// <summary>What one run of a program printed, and how it exited.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit code {ExitCode}\n-- stdout:\n{Stdout}\n-- stderr:\n{Stderr}";
}

/// <summary>Runs a program to its exit, as a user or a script would, and keeps what it printed.</summary>
public static class ProcessRun
{
    /// <summary>
    /// Runs <paramref name="start"/> with <paramref name="stdin"/> as its standard input (none: closed at once, so a
    /// program that reads it sees its end); kills it and all it started if it outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? stdin = null)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <paramref name="program"/> (found on the PATH) with <paramref name="args"/>.</summary>
    public static Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return RunAsync(start, timeout);
    }
}
