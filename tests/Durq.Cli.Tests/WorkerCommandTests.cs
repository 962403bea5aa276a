using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Durq.Contracts;

namespace Durq.Cli.Tests;

/// <summary><c>durq worker -- program</c>: real programs, run by a real worker process, for tasks on a real server.</summary>
public sealed class WorkerCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_program_that_echoes_its_stdin_completes_the_task_with_the_input_as_a_json_result()
    {
        var type = ServerFixture.Unique("echo");
        await using var worker = await server.StartWorkerAsync(ServerFixture.Unique("w"), type, "sh", "-c", "cat");

        var id = (await server.DurqAsync("enqueue", type, "--input", """{"a":[1,"x"],"b":null}""")).Stdout.Trim();

        var task = await CompletedAsync(id, worker);
        Assert.Equal("""{"a":[1,"x"],"b":null}""", task.Result?.Json);
        var shown = await server.DurqAsync("tasks", "show", id);
        Assert.Contains("result:", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"x\"", shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdout_that_is_not_json_becomes_a_json_string_and_empty_stdout_no_result()
    {
        var text = ServerFixture.Unique("text");
        var silent = ServerFixture.Unique("silent");
        await using var textWorker = await server.StartWorkerAsync(ServerFixture.Unique("w"), text, "sh", "-c", "echo 'hello, world'");
        await using var silentWorker = await server.StartWorkerAsync(ServerFixture.Unique("w"), silent, "true");

        var textTask = await CompletedAsync((await server.DurqAsync("enqueue", text)).Stdout.Trim(), textWorker);
        var silentTask = await CompletedAsync((await server.DurqAsync("enqueue", silent)).Stdout.Trim(), silentWorker);

        Assert.Equal("\"hello, world\"", textTask.Result?.Json);
        Assert.Null(silentTask.Result);
    }

    [Fact]
    public async Task The_program_gets_the_task_id_attempt_and_activity_type_in_its_environment()
    {
        var type = ServerFixture.Unique("env");
        const string Script = """printf '{"id":"%s","attempt":%s,"type":"%s"}' "$DURQ_TASK_ID" "$DURQ_ATTEMPT" "$DURQ_ACTIVITY_TYPE" """;
        await using var worker = await server.StartWorkerAsync(ServerFixture.Unique("w"), type, "sh", "-c", Script);

        var id = (await server.DurqAsync("enqueue", type)).Stdout.Trim();

        var task = await CompletedAsync(id, worker);
        using var result = JsonDocument.Parse(task.Result!.Value.Json);
        Assert.Equal(id, result.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, result.RootElement.GetProperty("attempt").GetInt32());
        Assert.Equal(type, result.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_non_zero_exit_fails_the_task_with_the_exit_code_and_the_tail_of_stderr()
    {
        var type = ServerFixture.Unique("fail");
        await using var worker = await server.StartWorkerAsync(
            ServerFixture.Unique("w"), type, "sh", "-c", "echo 'starting' >&2; echo 'the disk is on fire' >&2; exit 3");

        var id = (await server.DurqAsync("enqueue", type, "--max-attempts", "1")).Stdout.Trim();

        var task = await WaitUntil.ConditionAsync(
            () => server.Client.GetTaskAsync(id), t => t.Status == "dead", $"task {id} to die; the worker printed:\n{worker.Output}");
        var error = Assert.Single(JsonSerializer.Deserialize(task.Errors!.Value.Json, DurqJson.Context.IReadOnlyListTaskErrorResource)!);
        Assert.Equal("Durq.Cli.ProgramFailedException", error.Type);
        Assert.Equal("exit code 3: starting\nthe disk is on fire", error.Message);
        var shown = await server.DurqAsync("tasks", "show", id);
        Assert.Contains("Durq.Cli.ProgramFailedException", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("exit code 3: starting", shown.Stdout, StringComparison.Ordinal);
        var dlq = await server.DurqAsync("dlq", "list", "--activity-type", type);
        Assert.Contains(id, dlq.Stdout, StringComparison.Ordinal);
        Assert.Contains("exit code 3: starting", dlq.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_has_one_line_per_task_and_a_failed_programs_stderr_tail_without_a_stack_trace()
    {
        var ok = ServerFixture.Unique("logged-ok");
        var bad = ServerFixture.Unique("logged-bad");
        await using var okWorker = await server.StartWorkerAsync(ServerFixture.Unique("w"), ok, "cat");
        await using var badWorker = await server.StartWorkerAsync(
            ServerFixture.Unique("w"), bad, "sh", "-c", "for i in 1 2 3 4 5 6 7; do echo \"step $i\" >&2; done; exit 3");

        var okId = (await server.DurqAsync("enqueue", ok, "--input", "1")).Stdout.Trim();
        var badId = (await server.DurqAsync("enqueue", bad, "--max-attempts", "1")).Stdout.Trim();

        await okWorker.WaitForLineAsync(new Regex($@"info: Task {okId} \({Regex.Escape(ok)}\) completed in \d+(\.\d+)? m?s$"), Within);
        await badWorker.WaitForLineAsync(new Regex("^    step 7$"), Within);
        var lines = badWorker.Output.Split('\n');
        var failed = Array.FindIndex(lines, line => line.Contains($"Task {badId}", StringComparison.Ordinal));
        Assert.True(failed >= 0, badWorker.Output);
        Assert.Matches(
            $@"warn: Task {badId} \({Regex.Escape(bad)}\) failed on attempt 1; it is now dead \(exit code 3, in \d+(\.\d+)? m?s\)$", lines[failed]);
        // The last lines of stderr, indented, and nothing more: no stack trace of the worker's own code.
        Assert.Equal(["    step 3", "    step 4", "    step 5", "    step 6", "    step 7"], lines[(failed + 1)..(failed + 6)]);
        Assert.DoesNotContain(badWorker.Output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains(badId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_running_task_kills_its_program()
    {
        var type = ServerFixture.Unique("sleep");
        using var folder = new TempDir();
        var pidFile = Path.Combine(folder.Path, "pid");
        // The program leaves its process id behind, then becomes a long sleep under that same id.
        await using var worker = await server.StartWorkerAsync(
            ServerFixture.Unique("w"), type, "sh", "-c", "echo $$ > \"$1.tmp\" && mv \"$1.tmp\" \"$1\" && exec sleep 600", "sh", pidFile);
        // A 3 s lease makes the worker heartbeat every second, so it hears of the cancel request soon.
        var id = await server.Client.EnqueueAsync(type, new RawJson("{}"), new TaskOptionsContract { HeartbeatTimeoutSeconds = 3 });
        var pid = await WaitUntil.ConditionAsync(
            () => Task.FromResult(File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : ""), text => text.Length > 0,
            $"the program of task {id} to start; the worker printed:\n{worker.Output}");

        var cancel = await server.DurqAsync("tasks", "cancel", id);

        Assert.Contains("Cancel requested", cancel.Stdout, StringComparison.Ordinal);
        await WaitUntil.ConditionAsync(
            () => server.Client.GetTaskAsync(id), t => t.Status == "cancelled", $"task {id} to end cancelled; the worker printed:\n{worker.Output}");
        Assert.False(IsRunning(int.Parse(pid, CultureInfo.InvariantCulture)), $"the program (pid {pid}) still runs after its task was cancelled");
    }

    [Fact]
    public async Task Durq_workers_lists_a_running_worker_and_drains_and_resumes_it()
    {
        var type = ServerFixture.Unique("listed");
        var workerId = ServerFixture.Unique("listed-worker");
        await using var worker = await server.StartWorkerAsync(workerId, type, "cat");

        var listed = await server.DurqAsync("workers");
        var drained = await server.DurqAsync("workers", "drain", workerId);
        var whileDraining = await server.DurqAsync("workers", "--json");
        var resumed = await server.DurqAsync("workers", "resume", workerId);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var row = Assert.Single(listed.Stdout.Split('\n'), line => line.Contains(workerId, StringComparison.Ordinal));
        Assert.Contains("active", row, StringComparison.Ordinal);
        Assert.Contains(type, row, StringComparison.Ordinal);
        Assert.Contains("0/1", row, StringComparison.Ordinal);
        Assert.Matches(@"\d+ active, \d+ draining, \d+ stopped; load \d+ of \d+ slots\.", listed.Stdout);
        Assert.Contains($"Worker {workerId} is draining", drained.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(whileDraining.Stdout);
        var entry = json.RootElement.GetProperty("data").EnumerateArray().Single(w => w.GetProperty("id").GetString() == workerId);
        Assert.True(entry.GetProperty("draining").GetBoolean());
        Assert.Contains($"Worker {workerId} is active", resumed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Durq_workers_pages_with_limit_and_the_cursor_it_prints()
    {
        foreach (var id in new[] { ServerFixture.Unique("paged-1"), ServerFixture.Unique("paged-2") })
        {
            await server.Client.RegisterWorkerAsync(id, new RegisterWorkerRequest { ActivityTypes = [ServerFixture.Unique("paged")] });
        }

        var table = await server.DurqAsync("workers", "--limit", "1");
        using var first = JsonDocument.Parse((await server.DurqAsync("workers", "--limit", "1", "--json")).Stdout);
        var cursor = first.RootElement.GetProperty("next_cursor").GetString()!;
        using var second = JsonDocument.Parse((await server.DurqAsync("workers", "--limit", "1", "--cursor", cursor, "--json")).Stdout);

        Assert.Contains($"More: durq workers --limit 1 --cursor {cursor}", table.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d+ active, \d+ draining, \d+ stopped; load \d+ of \d+ slots\.", table.Stdout);
        var firstId = Assert.Single(first.RootElement.GetProperty("data").EnumerateArray()).GetProperty("id").GetString();
        var secondId = Assert.Single(second.RootElement.GetProperty("data").EnumerateArray()).GetProperty("id").GetString();
        Assert.True(string.CompareOrdinal(firstId, secondId) < 0, $"'{secondId}' should follow '{firstId}'.");
    }

    [Fact]
    public async Task Sigterm_stops_the_worker_gracefully_and_it_deregisters()
    {
        var type = ServerFixture.Unique("stop");
        var workerId = ServerFixture.Unique("stopping-worker");
        await using var worker = await server.StartWorkerAsync(workerId, type, "cat");

        await worker.TerminateAsync();

        Assert.Equal(0, worker.ExitCode);
        Assert.Contains($"Durq worker {workerId} deregistered", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain((await server.Client.ListWorkersAsync()).Data, w => w.Id == workerId);
    }

    [Fact]
    public async Task A_missing_program_or_a_bad_activity_type_stops_the_worker_at_once()
    {
        var missing = await Cli.RunAsync(["worker", "--url", server.Url.ToString(), "--activity-type", "a", "--", "no-such-program-4f1c"]);
        var badType = await Cli.RunAsync(["worker", "--url", server.Url.ToString(), "--activity-type", "bad type!", "--", "cat"]);
        var noProgram = await Cli.RunAsync(["worker", "--url", server.Url.ToString(), "--activity-type", "a"]);

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("cannot find the program 'no-such-program-4f1c'", missing.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, badType.ExitCode);
        Assert.Contains("'bad type!' is not an activity type", badType.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, noProgram.ExitCode);
    }

    private async Task<TaskResource> CompletedAsync(string id, ChildProcess worker) =>
        await WaitUntil.ConditionAsync(
            () => server.Client.GetTaskAsync(id), task => task.Status == "completed",
            $"task {id} to complete; the worker printed:\n{worker.Output}");

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
