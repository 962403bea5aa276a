using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Durq.Testing;

/// <summary>A real <c>durq serve</c> process on a loopback port it picks itself.</summary>
public sealed partial class DurqProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private DurqProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ExitCode => _process.ExitCode;

    public int ProcessId => _process.Id;

    public string Output => _process.Output;

    /// <summary>A node on the embedded store in <paramref name="dataDir"/>.</summary>
    public static Task<DurqProcess> StartAsync(string dataDir, params string[] extraArgs) =>
        StartServeAsync("http", ["--data-dir", dataDir, .. extraArgs]);

    /// <summary>A node on the embedded store serving https; <paramref name="extraArgs"/> give it its certificate.</summary>
    public static Task<DurqProcess> StartHttpsAsync(string dataDir, params string[] extraArgs) =>
        StartServeAsync("https", ["--data-dir", dataDir, .. extraArgs]);

    /// <summary>A node on the embedded store listening on <paramref name="urls"/> (e.g. all interfaces, <c>http://0.0.0.0:0</c>).</summary>
    public static Task<DurqProcess> StartOnUrlsAsync(string dataDir, string urls, params string[] extraArgs) =>
        StartAsync(["serve", "--urls", urls, "--data-dir", dataDir, .. extraArgs]);

    /// <summary>A node on a shared PostgreSQL database.</summary>
    public static Task<DurqProcess> StartOnPostgresAsync(string connectionString, params string[] extraArgs) =>
        StartServeAsync("http", ["--postgres", connectionString, .. extraArgs]);

    private static Task<DurqProcess> StartServeAsync(string scheme, string[] args) =>
        StartAsync(["serve", "--urls", scheme + "://127.0.0.1:0", .. args]);

    private static Task<DurqProcess> StartAsync(string[] args) => StartAsync(RepositoryProgram.StartInfo(RepositoryProgram.Durq, args));

    /// <summary>
    /// A <c>durq serve</c> started as <paramref name="start"/> says (a published durq, in an environment of its own); its
    /// arguments must listen on a port it picks itself (<c>--urls http://127.0.0.1:0</c>).
    /// </summary>
    public static async Task<DurqProcess> StartAsync(ProcessStartInfo start)
    {
        var process = ChildProcess.Start(start);
        try
        {
            var listening = await process.WaitForLineAsync(ListeningLine(), StartTimeout);
            return new DurqProcess(process, new Uri(listening.Groups[1].Value));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public Task KillAsync() => _process.KillAsync();

    public Task TerminateAsync() => _process.TerminateAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"Durq listening on (https?://[^\s,]+)")]
    private static partial Regex ListeningLine();
}
