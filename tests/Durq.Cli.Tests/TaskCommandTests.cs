using System.Text.Json;

namespace Durq.Cli.Tests;

/// <summary><c>durq enqueue</c> and <c>durq tasks list|show|cancel</c> against a real server.</summary>
public sealed class TaskCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Enqueue_prints_the_id_and_tasks_show_shows_every_field()
    {
        var type = ServerFixture.Unique("show");
        var key = ServerFixture.Unique("key");

        var enqueued = await server.DurqAsync(
            "enqueue", type, "--input", """{"n":7,"s":"[red]é"}""", "--priority", "4", "--max-attempts", "2", "--idempotency-key", key);

        Assert.True(enqueued.ExitCode == 0, enqueued.ToString());
        var id = enqueued.Stdout.Trim();
        Assert.True(Guid.TryParse(id, out _), enqueued.ToString());
        var shown = await server.DurqAsync("tasks", "show", id);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        foreach (var expected in (string[])[id, type, "pending", "0 of 2", "\"n\": 7", "\"s\": \"[red]é\"", key, "\"max_attempts\":2"])
        {
            Assert.Contains(expected, shown.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Enqueue_sets_run_at_heartbeat_timeout_and_non_retryable_error_types()
    {
        var runAt = DateTimeOffset.UtcNow.AddHours(3);
        var text = runAt.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

        var enqueued = await server.DurqAsync(
            "enqueue", ServerFixture.Unique("options"), "--run-at", text, "--heartbeat-timeout", "7",
            "--non-retryable", "Durq.Cli.ProgramFailedException", "--non-retryable", "InvalidInput");

        Assert.True(enqueued.ExitCode == 0, enqueued.ToString());
        var task = await server.Client.GetTaskAsync(enqueued.Stdout.Trim());
        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), task.Options.RunAt);
        Assert.Equal(7, task.Options.HeartbeatTimeoutSeconds);
        Assert.Equal(["Durq.Cli.ProgramFailedException", "InvalidInput"], task.Options.Retry!.NonRetryableErrorTypes!);
    }

    [Fact]
    public async Task Enqueue_sets_an_expiry_from_schedule_to_start_or_expires_at()
    {
        var runAt = DateTimeOffset.UtcNow.AddHours(3);
        var text = runAt.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

        var fromSpan = await server.DurqAsync("enqueue", ServerFixture.Unique("expiry"), "--run-at", text, "--schedule-to-start", "600");
        var given = await server.DurqAsync("enqueue", ServerFixture.Unique("expiry"), "--expires-at", text);

        Assert.True(fromSpan.ExitCode == 0, fromSpan.ToString());
        var spanned = await server.Client.GetTaskAsync(fromSpan.Stdout.Trim());
        Assert.Equal(spanned.Options.RunAt!.Value.AddSeconds(600), spanned.Options.ExpiresAt);
        Assert.True(given.ExitCode == 0, given.ToString());
        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), (await server.Client.GetTaskAsync(given.Stdout.Trim())).Options.ExpiresAt);
    }

    [Fact]
    public async Task Enqueue_refuses_a_run_at_without_its_offset_or_beside_delay_and_the_server_a_heartbeat_out_of_range()
    {
        var noOffset = await server.DurqAsync("enqueue", "a", "--run-at", "2026-12-24T18:00:00");
        var both = await server.DurqAsync("enqueue", "a", "--run-at", "2026-12-24T18:00:00Z", "--delay", "5");
        var heartbeat = await server.DurqAsync("enqueue", "a", "--heartbeat-timeout", "0");

        Assert.Equal(1, noOffset.ExitCode);
        Assert.Equal(
            "error: --run-at expects a time with its offset (RFC 3339), e.g. 2026-12-24T18:00:00Z or 2026-12-24T19:00:00+01:00, got '2026-12-24T18:00:00'.",
            noOffset.Stderr.Trim());
        Assert.Equal(1, both.ExitCode);
        Assert.Equal("error: give the first run's time with --delay or with --run-at, not both.", both.Stderr.Trim());
        Assert.Equal(1, heartbeat.ExitCode);
        Assert.Contains("options.heartbeat_timeout_seconds: must be an integer from 1 to 3600", heartbeat.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_show_json_prints_the_task_as_the_server_sends_it()
    {
        var id = (await server.DurqAsync("enqueue", ServerFixture.Unique("json"), "--input", "[1,2]", "--priority", "9")).Stdout.Trim();

        var shown = await server.DurqAsync("tasks", "show", id, "--json");

        using var task = JsonDocument.Parse(shown.Stdout);
        Assert.Equal(id, task.RootElement.GetProperty("id").GetString());
        Assert.Equal(9, task.RootElement.GetProperty("priority").GetInt32());
        Assert.Equal("[1,2]", task.RootElement.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task Enqueue_reads_the_input_from_stdin_or_a_file()
    {
        using var folder = new TempDir();
        var file = Path.Combine(folder.Path, "input.json");
        await File.WriteAllTextAsync(file, """ "from a file" """);

        var fromStdin = await server.DurqWithStdinAsync("""{"from":"stdin"}""", "enqueue", ServerFixture.Unique("stdin"), "--input", "-");
        var fromFile = await server.DurqAsync("enqueue", ServerFixture.Unique("file"), "--input-file", file);
        var withoutInput = await server.DurqAsync("enqueue", ServerFixture.Unique("none"));

        Assert.Equal("""{"from":"stdin"}""", (await server.Client.GetTaskAsync(fromStdin.Stdout.Trim())).Input?.Json);
        Assert.Equal("\"from a file\"", (await server.Client.GetTaskAsync(fromFile.Stdout.Trim())).Input?.Json);
        Assert.Contains("\"input\":null", (await server.DurqAsync("tasks", "show", withoutInput.Stdout.Trim(), "--json")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_that_is_not_json_is_refused_with_a_hint_and_nothing_is_enqueued()
    {
        var type = ServerFixture.Unique("notjson");

        var refused = await server.DurqAsync("enqueue", type, "--input", "hello");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("not JSON", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--input '\"text\"'", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty((await server.Client.ListTasksAsync(activityType: type)).Data);
    }

    [Fact]
    public async Task Tasks_list_shows_the_tasks_in_a_table_as_json_and_page_by_page()
    {
        var type = ServerFixture.Unique("list");
        var first = (await server.DurqAsync("enqueue", type)).Stdout.Trim();
        var second = (await server.DurqAsync("enqueue", type)).Stdout.Trim();

        var table = await server.DurqAsync("tasks", "list", "--activity-type", type, "--status", "pending");
        var json = await server.DurqAsync("tasks", "list", "--activity-type", type, "--json");
        var firstPage = await server.DurqAsync("tasks", "list", "--activity-type", type, "--limit", "1");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("ACTIVITY TYPE", table.Stdout, StringComparison.Ordinal);
        var rows = table.Stdout.Split('\n');
        Assert.Contains(rows, row => row.Contains(first, StringComparison.Ordinal) && row.Contains("pending", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains(second, StringComparison.Ordinal) && row.Contains(type, StringComparison.Ordinal));
        using var page = JsonDocument.Parse(json.Stdout);
        Assert.Equal([second, first], page.RootElement.GetProperty("data").EnumerateArray().Select(task => task.GetProperty("id").GetString()));
        Assert.Contains(second, firstPage.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(first, firstPage.Stdout, StringComparison.Ordinal);
        Assert.Contains($"More: durq tasks list --activity-type {type} --limit 1 --cursor ", firstPage.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_list_shows_when_a_delayed_task_becomes_runnable()
    {
        var type = ServerFixture.Unique("delayed");
        var delayed = (await server.DurqAsync("enqueue", type, "--delay", "240")).Stdout.Trim();
        var ready = (await server.DurqAsync("enqueue", type)).Stdout.Trim();

        var table = await server.DurqAsync("tasks", "list", "--activity-type", type);

        Assert.True(table.ExitCode == 0, table.ToString());
        var rows = table.Stdout.Split('\n');
        // 240 s less the moments the commands took still rounds up to 4 minutes.
        Assert.Contains(rows, row => row.Contains(delayed, StringComparison.Ordinal) && row.Contains("pending (runs in 4m)", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains(ready, StringComparison.Ordinal) && row.Contains("pending", StringComparison.Ordinal)
            && !row.Contains("runs in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tasks_cancel_cancels_a_pending_task_and_a_second_cancel_is_a_readable_conflict()
    {
        var id = (await server.DurqAsync("enqueue", ServerFixture.Unique("cancel"))).Stdout.Trim();

        var cancelled = await server.DurqAsync("tasks", "cancel", id);
        var again = await server.DurqAsync("tasks", "cancel", id);

        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Contains($"Task {id} is cancelled.", cancelled.Stdout, StringComparison.Ordinal);
        Assert.Equal("cancelled", (await server.Client.GetTaskAsync(id)).Status);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error: not_cancellable (409)", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_prints_its_code_detail_fields_and_hint_and_exits_non_zero()
    {
        var refused = await server.DurqAsync("enqueue", "bad type!", "--max-attempts", "0");

        Assert.Equal(1, refused.ExitCode);
        Assert.Empty(refused.Stdout);
        Assert.Contains("error: validation_failed (422): The request has 2 invalid fields", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("  activity_type: must start with a letter or digit", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("  options.max_attempts: must be an integer from 1 to 1000", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: Use an activity type such as 'email.send'", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_tasks_and_bad_filters_are_problems_too()
    {
        var missing = await server.DurqAsync("tasks", "show", "01a22600-4218-796d-bf90-5e65b4716f09");
        var badStatus = await server.DurqAsync("tasks", "list", "--status", "finished");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error: not_found (404): No task with id '01a22600-4218-796d-bf90-5e65b4716f09' exists.", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, badStatus.ExitCode);
        Assert.Contains("invalid_query", badStatus.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: Use one of: pending, claimed, completed, dead, cancelled.", badStatus.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idempotency_conflict_points_at_the_existing_task()
    {
        var type = ServerFixture.Unique("idem");
        var key = ServerFixture.Unique("key");
        var id = (await server.DurqAsync("enqueue", type, "--input", "1", "--idempotency-key", key)).Stdout.Trim();

        var replayed = await server.DurqAsync("enqueue", type, "--input", "1", "--idempotency-key", key);
        var conflict = await server.DurqAsync("enqueue", type, "--input", "2", "--idempotency-key", key);

        Assert.Equal(id, replayed.Stdout.Trim());
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("idempotency_key_reused", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains($"see: durq tasks show {id}", conflict.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_a_hint()
    {
        var result = await Cli.RunAsync(["tasks", "list", "--url", "http://127.0.0.1:1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: the Durq server is unreachable at http://127.0.0.1:1/", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: Start one with 'durq serve'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_url_comes_from_DURQ_URL_when_url_is_not_given()
    {
        var type = ServerFixture.Unique("env");
        var id = (await server.DurqAsync("enqueue", type)).Stdout.Trim();

        var listed = await Cli.RunAsync(
            ["tasks", "list", "--activity-type", type], environment: new Dictionary<string, string> { ["DURQ_URL"] = server.Url.ToString() });

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(id, listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_is_not_one_is_a_usage_error()
    {
        var result = await Cli.RunAsync(["tasks", "list", "--url", "localhost:8080"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'localhost:8080' is not a server URL", result.Stderr, StringComparison.Ordinal);
    }
}
