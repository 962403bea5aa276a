using System.Diagnostics;
using System.Globalization;

namespace Durq.Cli.Tests;

/// <summary>
/// A <c>durq</c> process that runs until stopped (<c>serve</c>, <c>worker</c>), with everything it prints recorded and a
/// signal for the first line that matches. Disposing it kills it and all it started.
/// </summary>
public sealed class LongRunningDurq : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Func<string, bool> _isReadyLine;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LongRunningDurq(IEnumerable<string> args, Func<string, bool> isReadyLine)
    {
        _isReadyLine = isReadyLine;
        _process = new Process { StartInfo = DurqPaths.StartInfo(args), EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("durq exited before it was ready:\n" + Output));
    }

    /// <summary>Completes with the first line that says the process is ready; fails if it exits first.</summary>
    public Task<string> Ready => _ready.Task;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far, for assertions and for failure messages.</summary>
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

    public static LongRunningDurq Start(IEnumerable<string> args, Func<string, bool> isReadyLine)
    {
        var durq = new LongRunningDurq(args, isReadyLine);
        durq._process.Start();
        durq._process.StandardInput.Close();
        durq._process.BeginOutputReadLine();
        durq._process.BeginErrorReadLine();
        return durq;
    }

    /// <summary>SIGTERM, as a service manager stops a process; waits for it to exit.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
        }

        if (_isReadyLine(line))
        {
            _ready.TrySetResult(line);
        }
    }
}
