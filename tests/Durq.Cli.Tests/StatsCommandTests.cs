using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Durq.Cli.Commands;
using Durq.Contracts;

namespace Durq.Cli.Tests;

/// <summary><c>durq stats</c> against a real server: the overview, its JSON, and <c>--watch</c> until Ctrl+C.</summary>
public sealed class StatsCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Stats_shows_the_totals_the_workers_the_rates_and_a_row_per_activity_type()
    {
        var type = ServerFixture.Unique("stats");
        await server.Client.EnqueueAsync(type, new RawJson("{}"));
        await server.Client.EnqueueAsync(type, new RawJson("{}"));

        var stats = await server.DurqAsync("stats");

        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Matches(new Regex(@"^Queue: (healthy|warning|degraded)", RegexOptions.Multiline), stats.Stdout);
        Assert.Matches(new Regex(@"^Tasks: \d+ pending, \d+ claimed, \d+ dead;", RegexOptions.Multiline), stats.Stdout);
        Assert.Matches(new Regex(@"^Workers: \d+ active, \d+ draining, \d+ stopped; load \d+ of capacity \d+", RegexOptions.Multiline), stats.Stdout);
        Assert.Matches(new Regex(@"^(Last \S+: [\d.]+ enqueued, .* per second|Rates: no samples yet)", RegexOptions.Multiline), stats.Stdout);
        Assert.Matches(new Regex($@"{Regex.Escape(type)}\s+│\s+2\s+│\s+0\s+│\s+0\s+│\s+\d+s\s+│\s+0"), stats.Stdout);
    }

    [Fact]
    public async Task Json_is_one_document_with_the_servers_bodies_and_the_rates()
    {
        var type = ServerFixture.Unique("stats-json");
        await server.Client.EnqueueAsync(type, new RawJson("{}"));

        var stats = await server.DurqAsync("stats", "--json");

        Assert.True(stats.ExitCode == 0, stats.ToString());
        using var document = JsonDocument.Parse(stats.Stdout);
        var root = document.RootElement;
        Assert.True(root.GetProperty("health").GetProperty("pending_tasks").GetInt64() >= 1);
        var row = root.GetProperty("activity_types").EnumerateArray().Single(t => t.GetProperty("activity_type").GetString() == type);
        Assert.Equal(1, row.GetProperty("pending").GetInt64());
        Assert.True(root.GetProperty("rates").GetProperty("seconds").GetInt32() >= 0);
    }

    [Fact]
    public async Task Watch_prints_a_document_per_look_until_ctrl_c()
    {
        var type = ServerFixture.Unique("stats-watch");
        await server.Client.EnqueueAsync(type, new RawJson("{}"));
        await using var watch = ChildProcess.Start(
            RepositoryProgram.Durq, ["stats", "--watch", "--json", "--interval", "200ms", "--url", server.Url.ToString()]);
        await watch.WaitForLineAsync(Pending(type, 1), TimeSpan.FromSeconds(60));

        await server.Client.EnqueueAsync(type, new RawJson("{}"));
        await watch.WaitForLineAsync(Pending(type, 2), TimeSpan.FromSeconds(10));

        using (var interrupt = Process.Start("kill", ["-INT", watch.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await watch.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(130, watch.ExitCode);
        Assert.DoesNotContain("Exception", watch.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1m", 60_000)]
    public void Intervals_read_as_people_write_them(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Intervals.Parse(text));

    [Fact]
    public async Task A_bad_interval_is_refused_with_a_message_naming_it()
    {
        var stats = await server.DurqAsync("stats", "--watch", "--interval", "soon");

        Assert.Equal(1, stats.ExitCode);
        Assert.Contains("--interval 'soon'", stats.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rates_cover_the_last_five_minutes_of_points()
    {
        var points = Enumerable.Range(0, 40).Select(i => new TimeSeriesPointResource(
            DateTimeOffset.UnixEpoch.AddSeconds(10 * i), Enqueued: i < 10 ? 100 : 3, Completed: 2, Failed: 1, Dead: 0, 0, 0, 0, 0)).ToList();

        var rates = RecentRates.Of(new TimeSeriesResponse(10, points));

        Assert.Equal(new RecentRates(300, Enqueued: 90, Completed: 60, Failed: 30, Dead: 0), rates);
        Assert.Equal("Last 5m: 0.3 enqueued, 0.2 completed, 0.1 failed attempts, 0 dead per second", rates.Describe());
    }

    /// <summary>A <c>--json</c> line in which the type has <paramref name="pending"/> pending tasks.</summary>
    private static Regex Pending(string type, int pending) =>
        new($"^\\{{.*\"activity_type\":\"{Regex.Escape(type)}\",\"pending\":{pending},");
}
