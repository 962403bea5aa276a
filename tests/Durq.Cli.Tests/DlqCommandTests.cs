using System.Text.Json;
using Durq.Contracts;

namespace Durq.Cli.Tests;

/// <summary><c>durq dlq list|retry</c>, on tasks killed through the worker protocol so that no worker races the test.</summary>
public sealed class DlqCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Dlq_list_shows_dead_tasks_with_their_last_error()
    {
        var type = ServerFixture.Unique("dlq");
        var id = await EnqueueDeadAsync(type, "the disk is on fire");

        var table = await server.DurqAsync("dlq", "list", "--activity-type", type);
        var json = await server.DurqAsync("dlq", "list", "--activity-type", type, "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var row = Assert.Single(table.Stdout.Split('\n'), line => line.Contains(id, StringComparison.Ordinal));
        Assert.Contains("TestFailure: the disk is on fire", row, StringComparison.Ordinal);
        using var page = JsonDocument.Parse(json.Stdout);
        Assert.Equal(id, Assert.Single(page.RootElement.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Dlq_list_says_so_when_the_queue_is_empty()
    {
        var result = await server.DurqAsync("dlq", "list", "--activity-type", ServerFixture.Unique("empty"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("The dead-letter queue is empty.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dlq_retry_sends_one_dead_task_back_to_pending()
    {
        var id = await EnqueueDeadAsync(ServerFixture.Unique("retry"), "broken");

        var retried = await server.DurqAsync("dlq", "retry", id);

        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Contains($"Task {id} is pending again", retried.Stdout, StringComparison.Ordinal);
        var task = await server.Client.GetTaskAsync(id);
        Assert.Equal(("pending", 0, 1), (task.Status, task.Attempt, task.RequeueCount));
    }

    [Fact]
    public async Task Dlq_retry_all_sends_every_dead_task_of_a_type_back()
    {
        var type = ServerFixture.Unique("retryall");
        var first = await EnqueueDeadAsync(type, "one");
        var second = await EnqueueDeadAsync(type, "two");
        var other = await EnqueueDeadAsync(ServerFixture.Unique("other"), "stays dead");

        var retried = await server.DurqAsync("dlq", "retry", "--all", "--activity-type", type);

        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Contains($"2 dead tasks of {type} back to pending.", retried.Stdout, StringComparison.Ordinal);
        Assert.Equal("pending", (await server.Client.GetTaskAsync(first)).Status);
        Assert.Equal("pending", (await server.Client.GetTaskAsync(second)).Status);
        Assert.Equal("dead", (await server.Client.GetTaskAsync(other)).Status);
    }

    [Fact]
    public async Task Dlq_retry_needs_an_id_or_all_and_refuses_a_task_that_is_not_dead()
    {
        var pending = (await server.DurqAsync("enqueue", ServerFixture.Unique("alive"))).Stdout.Trim();

        var neither = await server.DurqAsync("dlq", "retry");
        var notDead = await server.DurqAsync("dlq", "retry", pending);

        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("Give either a task id, or --all, --activity-type or --error-type.", neither.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, notDead.ExitCode);
        Assert.Contains("error: not_dead (409)", notDead.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dlq_purge_deletes_the_dead_tasks_of_a_type_and_needs_a_filter()
    {
        var type = ServerFixture.Unique("purge");
        var first = await EnqueueDeadAsync(type, "one");
        await EnqueueDeadAsync(type, "two");
        var other = await EnqueueDeadAsync(ServerFixture.Unique("kept"), "stays");

        var unfiltered = await server.DurqAsync("dlq", "purge");
        var purged = await server.DurqAsync("dlq", "purge", "--activity-type", type, "--error-type", "TestFailure");

        Assert.Equal(1, unfiltered.ExitCode);
        Assert.Contains("Give --all, --activity-type or --error-type", unfiltered.Stderr, StringComparison.Ordinal);
        Assert.True(purged.ExitCode == 0, purged.ToString());
        Assert.Contains($"2 dead tasks of {type} that failed with TestFailure deleted.", purged.Stdout, StringComparison.Ordinal);
        var gone = await Assert.ThrowsAsync<Durq.Client.DurqProblemException>(() => server.Client.GetTaskAsync(first));
        Assert.Equal(404, gone.Status);
        Assert.Equal("dead", (await server.Client.GetTaskAsync(other)).Status);
    }

    [Fact]
    public async Task Tasks_delete_removes_a_task_that_is_not_running()
    {
        var id = await server.Client.EnqueueAsync(ServerFixture.Unique("delete"), new RawJson("{}"));

        var deleted = await server.DurqAsync("tasks", "delete", id);
        var again = await server.DurqAsync("tasks", "delete", id);

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Contains($"Task {id} is deleted.", deleted.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not_found", again.Stderr + again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_show_after_a_retry_counts_every_run_and_marks_the_requeue_in_the_errors()
    {
        var type = ServerFixture.Unique("rerun");
        var id = await EnqueueDeadAsync(type, "first round");
        Assert.Equal(0, (await server.DurqAsync("dlq", "retry", id)).ExitCode);
        await FailOnceAsync(id, type, "second round");

        var shown = await server.DurqAsync("tasks", "show", id);

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("1 of 5 (run 2 in all; retried from the dead-letter queue once)", shown.Stdout, StringComparison.Ordinal);
        var lines = shown.Stdout.Split('\n');
        var first = Array.FindIndex(lines, line => line.Contains("first round", StringComparison.Ordinal));
        var marker = Array.FindIndex(lines, line => line.Contains("Retried from the dead-letter queue (requeue 1)", StringComparison.Ordinal));
        var second = Array.FindIndex(lines, line => line.Contains("second round", StringComparison.Ordinal));
        Assert.True(first >= 0 && first < marker && marker < second, shown.Stdout);
    }

    /// <summary>Enqueues a task, claims it and fails it without retries: it is dead, with one error.</summary>
    private async Task<string> EnqueueDeadAsync(string activityType, string message)
    {
        var id = await server.Client.EnqueueAsync(activityType, new RawJson("{}"));
        await FailOnceAsync(id, activityType, message);
        return id;
    }

    /// <summary>Claims the task (the only one of its type) and fails it for good.</summary>
    private async Task FailOnceAsync(string id, string activityType, string message)
    {
        var claimed = Assert.Single(await server.Client.ClaimTasksAsync(
            new ClaimTasksRequest { WorkerId = "dlq-tests", ActivityTypes = [activityType], MaxTasks = 1 }));
        Assert.Equal(id, claimed.Id);
        var failed = await server.Client.FailTaskAsync(id, claimed.LeaseId, new TaskErrorInput(message, "TestFailure"), retryable: false);
        Assert.Equal("dead", failed.Status);
    }
}
