using System.Text.RegularExpressions;

namespace Durq.Cli.Tests;

/// <summary><c>--api-key</c> and <c>DURQ_API_KEY</c> on every command that talks to a server, and how a refusal is shown.</summary>
public sealed class ApiKeyCommandTests
{
    private const string Key = "durq_0123456789ab_K3yS3cr3t";
    private const string TaskId = "0193b5a0-0000-7000-8000-000000000001";
    private const string Detail = "The request needs an API key: send Authorization: Bearer <key>.";

    // Each command line as one string, split on spaces.
    public static TheoryData<string> ClientCommands => new()
    {
        "enqueue email.send --input {}",
        "tasks list",
        $"tasks show {TaskId}",
        $"tasks cancel {TaskId}",
        "dlq list",
        $"dlq retry {TaskId}",
        "dlq retry --all",
        "workers",
        "workers drain w1",
        "workers resume w1",
    };

    [Theory]
    [MemberData(nameof(ClientCommands))]
    public async Task Each_command_sends_the_key_and_prints_a_401_as_one_line(string command)
    {
        await using var server = await RefusingServer.StartAsync(401, "unauthorized", Detail);

        var run = await Cli.RunAsync([.. command.Split(' '), "--url", server.Url.ToString(), "--api-key", Key]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"error: unauthorized (401): {Detail}", run.Stderr.Trim());
        Assert.Equal($"Bearer {Key}", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task The_key_comes_from_DURQ_API_KEY_unless_given_and_none_is_sent_without_either()
    {
        await using var server = await RefusingServer.StartAsync(401, "unauthorized", Detail);
        var url = server.Url.ToString();

        await Cli.RunAsync(["tasks", "list", "--url", url], environment: new Dictionary<string, string> { ["DURQ_API_KEY"] = Key });
        await Cli.RunAsync(["tasks", "list", "--url", url, "--api-key", "durq_given000000_x"], environment: new Dictionary<string, string> { ["DURQ_API_KEY"] = Key });
        await Cli.RunAsync(["tasks", "list", "--url", url]);

        Assert.Equal([$"Bearer {Key}", "Bearer durq_given000000_x", null], server.Requests.Select(request => request.Authorization));
    }

    [Fact]
    public async Task A_403_prints_its_detail_naming_the_missing_scope()
    {
        const string forbidden = "This key lacks the 'manage' scope, which POST /workers/{id}/drain needs.";
        await using var server = await RefusingServer.StartAsync(403, "forbidden", forbidden);

        var run = await Cli.RunAsync(["workers", "drain", "w1", "--url", server.Url.ToString(), "--api-key", Key]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"error: forbidden (403): {forbidden}", run.Stderr.Trim());
    }

    [Fact]
    public async Task A_malformed_key_is_refused_before_any_request_without_printing_it()
    {
        await using var server = await RefusingServer.StartAsync(401, "unauthorized", Detail);

        var run = await Cli.RunAsync(["tasks", "list", "--url", server.Url.ToString()],
            environment: new Dictionary<string, string> { ["DURQ_API_KEY"] = "durq_0123456789ab_K3y S3cr3t" });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("the API key in $DURQ_API_KEY is malformed", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Help_shows_the_option_but_never_the_key()
    {
        var help = await Cli.RunAsync(["tasks", "list", "--help"], environment: new Dictionary<string, string> { ["DURQ_API_KEY"] = Key });

        Assert.Contains("--api-key", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("$DURQ_API_KEY", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Durq_worker_hands_the_key_to_the_worker_it_runs()
    {
        await using var server = await RefusingServer.StartAsync(401, "unauthorized", Detail);
        await using var worker = ChildProcess.Start(
            RepositoryProgram.Durq,
            ["worker", "--url", server.Url.ToString(), "--api-key", Key, "--worker-id", "w1", "--activity-type", "a", "--", "true"]);

        await worker.WaitForLineAsync(new Regex("could not register"), TimeSpan.FromSeconds(60));

        var registration = server.Requests[0];
        Assert.Equal(("PUT /api/v1/durable/workers/w1", $"Bearer {Key}"), registration);
        Assert.DoesNotContain("S3cr3t", worker.Output, StringComparison.Ordinal);
    }
}
