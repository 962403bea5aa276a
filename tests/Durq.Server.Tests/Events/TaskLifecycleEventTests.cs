namespace Durq.Server.Tests.Events;

/// <summary>Each move of a task is one event with its id and activity type, on both stores (the core tells them once for both).</summary>
public abstract class TaskLifecycleEventTests(DurqApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Claims_batch_completions_and_a_last_failure_are_told_with_the_type()
    {
        await using var stream = await EventStream.OpenAsync(Client, "?activity_type=life");
        var done = await Client.EnqueueAsync("""{"activity_type":"life","input":1}""");
        var doomed = await Client.EnqueueAsync("""{"activity_type":"life","input":2,"options":{"max_attempts":1}}""");
        var claimed = await Client.ClaimAsync("w1", "life", maxTasks: 2);
        var byId = claimed.ToDictionary(c => c.GetProperty("id").GetString()!);
        using (await Client.PostJsonAsync(WorkerApi.Root + "/tasks/complete",
                   $$"""{"completions":[{"task_id":"{{done}}","lease_id":"{{byId[done].GetProperty("lease_id").GetString()}}"}]}"""))
        {
        }

        await Client.ReportOkAsync(byId[doomed], "fail", ""","error":{"message":"no","type":"Boom"}""");

        var told = new List<(string Change, string Id)>();
        while (told.Count < 7)
        {
            var change = (await stream.NextOfAsync("task")).Json;
            Assert.Equal("life", change.GetProperty("activity_type").GetString());
            told.Add((change.GetProperty("change").GetString()!, change.GetProperty("task_id").GetString()!));
        }

        Assert.Equal([("enqueued", done), ("enqueued", doomed)], told[..2]);
        // One claim took both: their events come in the claim's order, which this test does not fix.
        Assert.Equal([("claimed", doomed), ("claimed", done)], told[2..4].OrderBy(t => t.Id == done));
        Assert.Equal([("completed", done), ("failed", doomed), ("dead", doomed)], told[4..]);
    }
}

public sealed class SqliteTaskLifecycleEventTests() : TaskLifecycleEventTests(new DurqApiFactory());

public sealed class PostgresTaskLifecycleEventTests() : TaskLifecycleEventTests(DurqApiFactory.OnPostgres());
