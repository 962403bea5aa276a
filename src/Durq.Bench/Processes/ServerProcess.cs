using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Durq.Bench.Processes;

/// <summary>
/// A real <c>durq serve</c> child process on a free loopback port, with no queue cap. Its output goes straight to a
/// log file in its work folder (through <c>sh</c>, which then becomes durq), so the suite never spends CPU reading it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _name;

    private ServerProcess(Process process, Uri url, string logPath, string name)
    {
        _process = process;
        _name = name;
        Url = url;
        LogPath = logPath;
    }

    public Uri Url { get; }

    public string LogPath { get; }

    /// <summary>The API key the workloads send (<c>durq bench --api-key</c>); null when the server serves keyless requests.</summary>
    public string? ApiKey { get; set; }

    public static Task<ServerProcess> StartAsync(Launcher durq, IReadOnlyList<string> storeFlags, string workDir) =>
        StartAsync(durq, "durq serve", url => ["serve", "--urls", url, "--max-pending", "0", .. storeFlags], workDir);

    /// <summary>bench/Durq.Bench.Ceiling, which answers the enqueue route and /health as durq serve does, storing nothing.</summary>
    public static Task<ServerProcess> StartCeilingAsync(Launcher ceiling, string workDir) =>
        StartAsync(ceiling, "the HTTP ceiling", url => ["--urls", url], workDir);

    private static async Task<ServerProcess> StartAsync(Launcher program, string name, Func<string, string[]> arguments, string workDir)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var logPath = Path.Combine(workDir, "serve.log");
        var serve = program.StartInfo(arguments(url.ToString().TrimEnd('/')), workDir);
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, WorkingDirectory = workDir };
        foreach (var arg in (string[])["-c", "log=$1; shift; exec \"$@\" >\"$log\" 2>&1", "sh", logPath, serve.FileName, .. serve.ArgumentList])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + name);
        ChildProcesses.Track(process);
        var server = new ServerProcess(process, url, logPath, name);
        try
        {
            await server.WaitUntilAnsweringAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server's peak resident memory so far (Linux <c>VmHWM</c>), in MiB; null where /proc is missing.</summary>
    public double? PeakResidentMiB()
    {
        var status = $"/proc/{_process.Id}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>SIGTERM and a graceful exit; a kill only if it has not exited after 30 s.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            await ChildProcesses.TerminateAsync(_process);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(StopTimeout);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        ChildProcesses.Forget(_process);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = Stopwatch.StartNew();
        while (!await AnswersHealthAsync(http))
        {
            if (_process.HasExited || deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"{_name} {(_process.HasExited ? "exited" : "did not answer in " + StartTimeout.TotalSeconds + " s")}; its log:\n{LogTail()}");
            }

            await poll.WaitForNextTickAsync();
        }
    }

    private static async Task<bool> AnswersHealthAsync(HttpClient http)
    {
        try
        {
            // Any answer short of a 5xx counts: a server whose store has keys answers 401 to this keyless probe.
            using var response = await http.GetAsync(new Uri("api/v1/durable/health", UriKind.Relative));
            return (int)response.StatusCode < 500;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private string LogTail() => File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(30)) : "(no log)";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
