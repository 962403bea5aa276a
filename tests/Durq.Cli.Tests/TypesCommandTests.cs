using System.Text.Json;
using Durq.Contracts;

namespace Durq.Cli.Tests;

/// <summary><c>durq types list|pause|resume|set</c> against a real server.</summary>
public sealed class TypesCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Pause_holds_back_claims_and_resume_lets_them_through()
    {
        var type = ServerFixture.Unique("pause");
        await server.Client.EnqueueAsync(type, new RawJson("{}"));

        var paused = await server.DurqAsync("types", "pause", type);
        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.Contains($"{type} is paused", paused.Stdout, StringComparison.Ordinal);
        Assert.Empty(await ClaimAsync(type));

        var resumed = await server.DurqAsync("types", "resume", type);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Single(await ClaimAsync(type));
    }

    [Fact]
    public async Task Tasks_explain_says_a_paused_type_holds_the_task_back()
    {
        var type = ServerFixture.Unique("explain");
        var id = await server.Client.EnqueueAsync(type, new RawJson("{}"));
        await server.DurqAsync("types", "pause", type);

        var explained = await server.DurqAsync("tasks", "explain", id);

        Assert.True(explained.ExitCode == 0, explained.ToString());
        Assert.StartsWith("pending, not runnable now", explained.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  activity_paused: {type} is paused", explained.Stdout, StringComparison.Ordinal);
        Assert.Contains("  no_workers:", explained.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_changes_only_what_it_is_given_and_none_clears()
    {
        var type = ServerFixture.Unique("set");

        var set = await server.DurqAsync("types", "set", type, "--max-concurrency", "3", "--rate", "2.5", "--failure-threshold", "5");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("max 3 at once, 2.5/s (burst 3), breaker after 5 failures, open 30 s", set.Stdout, StringComparison.Ordinal);

        var cleared = await server.DurqAsync("types", "set", type, "--rate", "none");
        Assert.Contains("max 3 at once, breaker after 5 failures", cleared.Stdout, StringComparison.Ordinal);

        var list = await server.DurqAsync("types", "list", "--json");
        using var document = JsonDocument.Parse(list.Stdout);
        var row = document.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("activity_type").GetString() == type);
        Assert.Equal(3, row.GetProperty("settings").GetProperty("max_concurrency").GetInt32());
        Assert.False(row.GetProperty("settings").TryGetProperty("rate_limit", out _));
    }

    [Fact]
    public async Task Bad_values_get_a_message_naming_them()
    {
        var type = ServerFixture.Unique("bad");

        var word = await server.DurqAsync("types", "set", type, "--max-concurrency", "lots");
        var range = await server.DurqAsync("types", "set", type, "--max-concurrency", "0");

        Assert.Equal(1, word.ExitCode);
        Assert.Contains("--max-concurrency expects a number or 'none', got 'lots'", word.Stderr + word.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, range.ExitCode);
        Assert.Contains("max_concurrency", range.Stderr + range.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_a_table_of_the_types()
    {
        var type = ServerFixture.Unique("list");
        await server.Client.EnqueueAsync(type, new RawJson("{}"));

        var list = await server.DurqAsync("types", "list");

        Assert.True(list.ExitCode == 0, list.ToString());
        var row = Assert.Single(list.Stdout.Split('\n'), line => line.Contains(type, StringComparison.Ordinal));
        Assert.Contains("no limits", row, StringComparison.Ordinal);
    }

    private Task<IReadOnlyList<ClaimedTaskResource>> ClaimAsync(string type) =>
        server.Client.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = "types-test", ActivityTypes = [type], MaxTasks = 5 });
}
