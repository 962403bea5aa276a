using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Durq.Contracts;

namespace Durq.Cli.Tests;

/// <summary><c>durq tail</c> against a real server: one line per change, the activity-type filter, a clean Ctrl+C.</summary>
public sealed class TailCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Tail_prints_one_line_per_change_of_its_type_and_stops_on_ctrl_c()
    {
        var type = ServerFixture.Unique("tail");
        await using var tail = ChildProcess.Start(RepositoryProgram.Durq, ["tail", "--url", server.Url.ToString(), "--activity-type", type]);
        await tail.WaitForLineAsync(new Regex("^Following the events of"), TimeSpan.FromSeconds(60));

        await server.Client.EnqueueAsync(ServerFixture.Unique("other"), new RawJson("{}"));
        var id = await server.Client.EnqueueAsync(type, new RawJson("{}"));
        var line = await tail.WaitForLineAsync(new Regex($@"^\d\d:\d\d:\d\d\.\d{{3}}  (\S+) +{id}  {Regex.Escape(type)}$"), TimeSpan.FromSeconds(10));
        Assert.Equal("enqueued", line.Groups[1].Value);

        using (var interrupt = Process.Start("kill", ["-INT", tail.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await tail.WaitForExitAsync(TimeSpan.FromSeconds(10));
        // 128 + SIGINT, as a shell reports a program stopped by Ctrl+C; and no error, no stack trace.
        Assert.Equal(130, tail.ExitCode);
        Assert.DoesNotContain("error", tail.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", tail.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("other.", tail.Output, StringComparison.Ordinal);
    }
}
