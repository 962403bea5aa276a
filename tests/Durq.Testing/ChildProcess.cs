using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Durq.Testing;

/// <summary>
/// A .NET program of this repository run as a real child process until stopped (<c>durq serve</c>, <c>durq worker</c>, the
/// sample worker), with its output kept for assertions. Disposing it kills it and all it started.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> _watches = [];

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts <c>dotnet {project's dll} {args}</c> with no standard input; the project is named by its folder under the repository.</summary>
    public static ChildProcess Start(string projectFolder, IEnumerable<string> args) => Start(RepositoryProgram.StartInfo(projectFolder, args));

    /// <summary>Starts the program <paramref name="start"/> names (a published durq, say) with no standard input.</summary>
    public static ChildProcess Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var child = new ChildProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.Record(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        child._process.Exited += (_, _) => _ = child.FailWatchesOnceOutputEndsAsync();
        child._process.Start();
        child._process.StandardInput.Close();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when a line matching <paramref name="pattern"/> is printed; fails if the process exits first.</summary>
    public Task<Match> WaitForLineAsync(Regex pattern, TimeSpan within)
    {
        var seen = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.Select(line => pattern.Match(line)).FirstOrDefault(m => m.Success) is { } already)
            {
                return Task.FromResult(already);
            }

            _watches.Add((pattern, seen));
        }

        if (_process.HasExited)
        {
            _ = FailWatchesOnceOutputEndsAsync();
        }

        return seen.Task.WaitAsync(within);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit by itself (after a signal the test sent, say); fails after <paramref name="within"/>.</summary>
    public Task WaitForExitAsync(TimeSpan within) => _process.WaitForExitAsync().WaitAsync(within);

    /// <summary>SIGTERM, as a service manager stops a process; waits for it to exit.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
            foreach (var (pattern, seen) in _watches)
            {
                if (pattern.Match(line) is { Success: true } match)
                {
                    seen.TrySetResult(match);
                }
            }
        }
    }

    /// <summary>
    /// Exited can be raised before the last lines of output have been read (seen: a failing start reported with none
    /// of its output); waiting for the exit again also waits for both streams to end, so the failure carries them.
    /// </summary>
    private async Task FailWatchesOnceOutputEndsAsync()
    {
        await _process.WaitForExitAsync();
        FailWatches();
    }

    private void FailWatches()
    {
        lock (_output)
        {
            foreach (var (_, seen) in _watches)
            {
                seen.TrySetException(new InvalidOperationException("The process exited first. Its output:\n" + string.Join('\n', _output)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
