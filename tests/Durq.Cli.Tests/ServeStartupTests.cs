using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Durq.Cli.Tests;

/// <summary>
/// <c>durq serve</c> that cannot start as configured says why in one line on standard error and exits non-zero: no
/// stack trace (only with <c>--verbose</c>), and no host log of the same exception.
/// </summary>
public sealed partial class ServeStartupTests : IDisposable
{
    private readonly TempDir _folder = new();

    private string DataDir => Path.Combine(_folder.Path, "data");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_port_in_use_is_named_with_what_to_do()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var line = await ServeFailsWithOneLineAsync("--urls", address);

        Assert.Contains(address, line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
        Assert.Contains("choose another port with --urls", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_is_no_url_is_named_with_an_example()
    {
        var line = await ServeFailsWithOneLineAsync("--urls", "http://127.0.0.1:0;localhost-8080");

        Assert.StartsWith("error: 'localhost-8080' in --urls", line, StringComparison.Ordinal);
        Assert.Contains("e.g. http://127.0.0.1:8080", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_made_is_named()
    {
        var file = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var line = await ServeFailsWithOneLineAsync("--data-dir", Path.Combine(file, "data"));

        Assert.Contains($"the data folder {Path.Combine(file, "data")} cannot be created", line, StringComparison.Ordinal);
        Assert.Contains("--data-dir", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Auth:Mode=bogus", "error: Auth:Mode is 'bogus'; it must be one of auto, required, none.")]
    [InlineData("--Limits:RequestsPerSecondPerKey=abc", "error: Limits:RequestsPerSecondPerKey is 'abc'; it must be a whole number.")]
    [InlineData("--Retention:DeadTasks=monthly", "error: Retention:DeadTasks is 'monthly'; it must be a duration")]
    [InlineData("--Storage:MaxWriteBatch=lots", "error: Storage:MaxWriteBatch is 'lots'; it must be a whole number.")]
    [InlineData("--Storage:MaxReadConnections=many", "error: Storage:MaxReadConnections is 'many'; it must be a whole number.")]
    [InlineData("--Limits:MaxRequestBytes=5", "error: Limits:MaxRequestBytes is 5; it must be at least 1024.")]
    [InlineData("--Workers:ReaperIntervalMs=1", "error: Workers:ReaperIntervalMs is 1; it must be from 10 to 60000.")]
    public async Task A_bad_setting_value_is_named_with_what_it_takes(string setting, string start)
    {
        var line = await ServeFailsWithOneLineAsync(setting);

        Assert.StartsWith(start, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_exception_and_its_stack_trace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();

        var run = await ServeAsync("--urls", $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}", "--verbose");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.StartsWith("error: Failed to bind", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("System.IO.IOException", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(StackFrame(), run.Stderr);
        // Once, from serve: the host does not log it as well.
        Assert.Single(Regex.Matches(run.Stdout + run.Stderr, "System.IO.IOException"));
    }

    /// <summary><c>durq serve args</c>, on a port of its own and a fresh data folder unless <paramref name="args"/> name others.</summary>
    private Task<ProcessResult> ServeAsync(params string[] args) =>
        Cli.RunAsync(["serve", .. Unless(args, "--urls", "http://127.0.0.1:0"), .. Unless(args, "--data-dir", DataDir), .. args]);

    private static string[] Unless(string[] args, string option, string value) => args.Contains(option) ? [] : [option, value];

    /// <summary>Runs serve; asserts a non-zero exit, one line on stderr, no exception or host failure log anywhere, and returns the line.</summary>
    private async Task<string> ServeFailsWithOneLineAsync(params string[] args)
    {
        var run = await ServeAsync(args);

        var line = Cli.OneLineOfStderr(run);
        Assert.DoesNotMatch(StackFrame(), run.Stdout + run.Stderr);
        Assert.DoesNotContain("Exception", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", run.Stdout, StringComparison.Ordinal);
        return line;
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
