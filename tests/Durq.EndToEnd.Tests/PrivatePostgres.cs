using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// A PostgreSQL cluster of the test's own — initdb into a temporary folder, started on a free loopback port — from the
/// binaries of Debian's <c>postgresql</c> package. Its own, so a test may restart or stop it without disturbing any
/// other test that uses PostgreSQL at the same time.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly TempDir _folder = new();

    private PrivatePostgres(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Timeout=5;Command Timeout=30";

    private string DataDir => Path.Combine(_folder.Path, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var postgres = new PrivatePostgres(FreePort());
        await RunAsync("chown", "postgres", postgres._folder.Path);
        await AsPostgresAsync("initdb", "-D", postgres.DataDir, "-A", "trust", "-U", "postgres", "--no-sync");
        await postgres.StartServerAsync();
        return postgres;
    }

    /// <summary>Stops the server at once (fast shutdown: open connections are cut) and starts it again.</summary>
    public async Task RestartAsync()
    {
        await AsPostgresAsync("pg_ctl", "-D", DataDir, "-m", "fast", "-w", "stop");
        await StartServerAsync();
    }

    /// <summary>
    /// Stops the server as a crash would (immediate: every process quits at once, no checkpoint, and WAL still in
    /// shared memory is lost), then starts it again, to recover from its log.
    /// </summary>
    public async Task CrashAndRestartAsync()
    {
        await AsPostgresAsync("pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "stop");
        await StartServerAsync();
    }

    private Task StartServerAsync() => AsPostgresAsync(
        "pg_ctl", "-D", DataDir, "-w", "-l", Path.Combine(_folder.Path, "server.log"),
        "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_folder.Path} -c listen_addresses=127.0.0.1 -c max_connections=200",
        "start");

    private static Task AsPostgresAsync(string tool, params string[] args) =>
        RunAsync("su", "postgres", "-s", "/bin/sh", "-c",
            string.Join(' ', new[] { Path.Combine(BinDir, tool) }.Concat(args).Select(Quote)));

    private static string BinDir
    {
        get
        {
            var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
            var newest = versions.OrderByDescending(v => int.TryParse(Path.GetFileName(v), out var n) ? n : 0).FirstOrDefault()
                ?? throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh, which installs Debian's 'postgresql'.");
            return Path.Combine(newest, "bin");
        }
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task RunAsync(string program, params string[] args)
    {
        var process = await ProcessRun.RunAsync(program, args, TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {process.Stdout}{process.Stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync("pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or never started: nothing to stop.
        }

        _folder.Dispose();
    }
}
