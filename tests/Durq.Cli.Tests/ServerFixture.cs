using System.Text.RegularExpressions;
using Durq.Client;

namespace Durq.Cli.Tests;

/// <summary>
/// A real <c>durq serve</c> on a loopback port it picks itself, shared by the tests of one class. Tests keep out of
/// each other's way by using activity types of their own (<see cref="Unique"/>).
/// </summary>
public sealed partial class ServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDir _data = new();
    private LongRunningDurq? _server;
    private HttpClient? _http;

    public Uri Url { get; private set; } = null!;

    /// <summary>The SDK client, for setting up what a command needs and checking what it did.</summary>
    public DurqClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = LongRunningDurq.Start(
            ["serve", "--urls", "http://127.0.0.1:0", "--data-dir", _data.Path], line => ListeningLine().IsMatch(line));
        var listening = await _server.Ready.WaitAsync(StartTimeout);
        Url = new Uri(ListeningLine().Match(listening).Groups[1].Value);
        _http = new HttpClient { BaseAddress = Url };
        Client = new DurqClient(_http);
    }

    /// <summary>Runs <c>durq args --url this-server</c>.</summary>
    public Task<CliResult> DurqAsync(params string[] args) => Cli.RunAsync([.. args, "--url", Url.ToString()]);

    /// <summary>Like <see cref="DurqAsync"/>, with <paramref name="stdin"/> as the command's standard input.</summary>
    public Task<CliResult> DurqWithStdinAsync(string stdin, params string[] args) => Cli.RunAsync([.. args, "--url", Url.ToString()], stdin);

    /// <summary>Starts <c>durq worker</c> against this server and waits until it has registered.</summary>
    public async Task<LongRunningDurq> StartWorkerAsync(string workerId, string activityType, params string[] program)
    {
        var worker = LongRunningDurq.Start(
            ["worker", "--url", Url.ToString(), "--worker-id", workerId, "--activity-type", activityType, "--", .. program],
            line => line.Contains($"Durq worker {workerId} registered", StringComparison.Ordinal));
        try
        {
            await worker.Ready.WaitAsync(StartTimeout);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>A name no other test uses, e.g. <c>echo.3f2a…</c>: an activity type or a worker id of the test's own.</summary>
    public static string Unique(string name) => $"{name}.{Guid.NewGuid():N}";

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _data.Dispose();
    }

    [GeneratedRegex(@"Durq listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
