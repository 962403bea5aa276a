using System.Text.Json;

namespace Durq.Cli.Tests;

/// <summary><c>durq schedules create|list|show|pause|resume|trigger|delete</c> against a real server.</summary>
public sealed class SchedulesCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_schedule_made_by_name_is_listed_shown_paused_resumed_triggered_and_deleted_by_name()
    {
        var name = ServerFixture.Unique("nightly");
        var type = ServerFixture.Unique("report");

        var created = await server.DurqAsync(
            "schedules", "create", name, "--type", type, "--cron", "30 2 * * *", "--time-zone", "Europe/Berlin", "--input", """{"day":1}""", "--overlap", "skip");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains($"Created schedule {name}", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("next fire at", created.Stdout, StringComparison.Ordinal);

        var list = await server.DurqAsync("schedules", "list", "--json");
        using (var document = JsonDocument.Parse(list.Stdout))
        {
            var row = document.RootElement.GetProperty("data").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
            Assert.Equal(("Europe/Berlin", "skip"), (row.GetProperty("time_zone").GetString(), row.GetProperty("overlap").GetString()));
        }

        var paused = await server.DurqAsync("schedules", "pause", name);
        Assert.Contains($"{name} is paused", paused.Stdout, StringComparison.Ordinal);
        var triggered = await server.DurqAsync("schedules", "trigger", name);
        Assert.True(triggered.ExitCode == 0, triggered.ToString());
        Assert.Contains($"{name} fired: task ", triggered.Stdout, StringComparison.Ordinal);
        var resumed = await server.DurqAsync("schedules", "resume", name);
        Assert.Contains($"{name} is running: next fire at", resumed.Stdout, StringComparison.Ordinal);

        var shown = await server.DurqAsync("schedules", "show", name);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("30 2 * * * (Europe/Berlin)", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("trigger", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("fired", shown.Stdout, StringComparison.Ordinal);

        var deleted = await server.DurqAsync("schedules", "delete", name);
        Assert.Contains($"Deleted schedule {name}", deleted.Stdout, StringComparison.Ordinal);
        var gone = await server.DurqAsync("schedules", "show", name);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains($"no schedule has the id or name '{name}'", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cron_gets_the_servers_message_naming_it()
    {
        var result = await server.DurqAsync("schedules", "create", ServerFixture.Unique("bad"), "--type", "t", "--cron", "61 * * * *");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cron", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not a valid cron expression", result.Stderr, StringComparison.Ordinal);
    }
}
