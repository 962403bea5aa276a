using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Durq.EndToEnd.Tests;

/// <summary>A real <c>durq serve</c> process on a loopback port it picks itself, and the folder it keeps data in.</summary>
public sealed partial class DurqProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private DurqProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

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

    public static async Task<DurqProcess> StartAsync(string dataDir, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[DurqDll, "serve", "--urls", "http://127.0.0.1:0", "--data-dir", dataDir, .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var durq = new DurqProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        durq._process.OutputDataReceived += (_, e) => durq.Record(e.Data);
        durq._process.ErrorDataReceived += (_, e) => durq.Record(e.Data);
        durq._process.Exited += (_, _) => durq._listening.TrySetException(new InvalidOperationException("durq exited before listening:\n" + durq.Output));
        durq._process.Start();
        durq._process.BeginOutputReadLine();
        durq._process.BeginErrorReadLine();
        durq.BaseAddress = await durq._listening.Task.WaitAsync(StartTimeout);
        return durq;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops a process; waits for it to exit.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
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

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static string DurqDll
    {
        get
        {
            var configuration = typeof(DurqProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Durq listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
