using System.Text.RegularExpressions;
using Durq.Client;

namespace Durq.Cli.Tests;

/// <summary>
/// A real <c>durq serve</c> on a loopback port it picks itself, shared by the tests of one class. Tests keep out of
/// each other's way by using activity types of their own (<see cref="Unique"/>).
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDir _data = new();
    private DurqProcess? _server;
    private HttpClient? _http;

    public Uri Url { get; private set; } = null!;

    /// <summary>The SDK client, for setting up what a command needs and checking what it did.</summary>
    public DurqClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await DurqProcess.StartAsync(_data.Path);
        Url = _server.BaseAddress;
        _http = _server.CreateClient();
        Client = new DurqClient(_http);
    }

    /// <summary>Runs <c>durq args --url this-server</c>.</summary>
    public Task<ProcessResult> DurqAsync(params string[] args) => Cli.RunAsync([.. args, "--url", Url.ToString()]);

    /// <summary>Like <see cref="DurqAsync"/>, with <paramref name="stdin"/> as the command's standard input.</summary>
    public Task<ProcessResult> DurqWithStdinAsync(string stdin, params string[] args) => Cli.RunAsync([.. args, "--url", Url.ToString()], stdin);

    /// <summary>Starts <c>durq worker</c> against this server and waits until it has registered.</summary>
    public async Task<ChildProcess> StartWorkerAsync(string workerId, string activityType, params string[] program)
    {
        var worker = ChildProcess.Start(
            RepositoryProgram.Durq,
            ["worker", "--url", Url.ToString(), "--worker-id", workerId, "--activity-type", activityType, "--", .. program]);
        try
        {
            await worker.WaitForLineAsync(new Regex(Regex.Escape($"Durq worker {workerId} registered")), StartTimeout);
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
}
