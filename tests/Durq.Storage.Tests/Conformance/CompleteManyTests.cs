using System.Collections.Concurrent;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Completing several tasks in one write: each completion is checked and applied as a single one would be, in the
/// order given; a refused one (<c>lease_lost</c> or <c>not_found</c>) changes nothing and does not stop the others.
/// </summary>
public abstract class CompleteManyTests : StoreTests
{
    /// <summary>Odd whitespace, escapes, astral and combining characters: must come back byte for byte.</summary>
    private const string OddResult =
        "{ \"text\" :\t\"h\u00e9llo \\u00e9 \u2713 \U0001F680 e\u0301\",\r\n  \"n\": [1,  2.50 , -0e0, 1E+2],\"esc\":\"\\\"\\\\\\/\\u0000\" }\n";

    [Fact]
    public async Task Every_task_is_completed_with_its_result_verbatim_and_its_lease_cleared()
    {
        string?[] results = [OddResult, null, "null", "[]", "\"done\"", "-12.50e+3"];
        await EnqueueAsync(NewTasks(results.Length));
        var claimed = await ClaimAsync(results.Length);
        var completeTime = Now.AddSeconds(7);

        var outcomes = await CompleteManyAsync(completeTime, [.. claimed.Select((task, i) => Completion(task, results[i]))]);

        Assert.Equal(claimed.Select(Completed), outcomes);
        Assert.All(outcomes, outcome => Assert.True(outcome.Completed));
        for (var i = 0; i < claimed.Count; i++)
        {
            var stored = await GetAsync(claimed[i].Id);
            Assert.Equal(DurqTaskStatus.Completed, stored?.Status);
            Assert.Equal(results[i], stored?.ResultJson);
            Assert.Equal(completeTime, stored?.CompletedAt);
            Assert.Equal(completeTime, stored?.UpdatedAt);
            Assert.Equal(1, stored?.Attempt);
            AssertNoLease(stored);
        }
    }

    [Fact]
    public async Task Each_completion_counts_once_in_the_completed_total()
    {
        await EnqueueAsync(NewTasks(5));
        var claimed = await ClaimAsync(5);

        await CompleteManyAsync(Now, [.. claimed.Take(3).Select(task => Completion(task))]);
        await CompleteManyAsync(Now, [.. claimed.Skip(3).Select(task => Completion(task))]);

        var stats = await StatsAsync();
        Assert.Equal(5, stats.CompletedTasks);
        Assert.Equal(0, stats.ClaimedTasks);
        Assert.Equal(0, stats.PendingTasks);
    }

    [Fact]
    public async Task A_mixed_batch_gets_the_right_outcome_per_item_in_order_and_refused_tasks_are_unchanged()
    {
        // One task with a short lease, so it has run out at the time of the batch while the others' are still live.
        var shortLease = NewTask(options: DefaultOptions with { HeartbeatTimeoutSeconds = 5 });
        var fourMore = NewTasks(4);
        var notClaimed = NewTask("sms.send");
        await EnqueueAsync([shortLease, .. fourMore, notClaimed]);
        var claimed = (await ClaimAsync(5)).ToDictionary(t => t.Id);
        var expired = claimed[shortLease.Id];
        var (live, wrongLease, alreadyDone, lastLive) =
            (claimed[fourMore[0].Id], claimed[fourMore[1].Id], claimed[fourMore[2].Id], claimed[fourMore[3].Id]);
        await CompleteAsync(alreadyDone, "{\"first\":true}", Now.AddSeconds(1));
        await EnqueueForAsync(TenantB, NewTask());
        var theirs = await ClaimOneAsync(tenant: TenantB);
        var missing = Guid.CreateVersion7(Now);
        var at = Now.AddSeconds(10);
        var refusedIds = new[] { expired.Id, wrongLease.Id, alreadyDone.Id, notClaimed.Id };
        var before = await Task.WhenAll(refusedIds.Select(id => GetAsync(id)));
        var theirsBefore = await GetAsync(theirs.Id, TenantB);

        var outcomes = await CompleteManyAsync(at,
            Completion(live, "{\"n\":1}"),
            Completion(expired),
            new TaskCompletion(wrongLease.Id, Guid.CreateVersion7(Now), "{}"),
            Completion(alreadyDone, "{\"second\":true}"),
            Completion(theirs),
            new TaskCompletion(missing, Guid.CreateVersion7(Now), "{}"),
            new TaskCompletion(notClaimed.Id, Guid.CreateVersion7(Now), "{}"),
            Completion(lastLive, "{\"n\":2}"));

        Assert.Equal(
            [
                Completed(live), LeaseLost(expired.Id), LeaseLost(wrongLease.Id), LeaseLost(alreadyDone.Id),
                new CompletionOutcome(theirs.Id, ProblemCodes.NotFound), new CompletionOutcome(missing, ProblemCodes.NotFound),
                LeaseLost(notClaimed.Id), Completed(lastLive),
            ],
            outcomes);
        Assert.Equal("{\"n\":1}", (await GetAsync(live.Id))?.ResultJson);
        Assert.Equal("{\"n\":2}", (await GetAsync(lastLive.Id))?.ResultJson);
        for (var i = 0; i < refusedIds.Length; i++)
        {
            AssertSameTask(before[i]!, await GetAsync(refusedIds[i]));
        }

        AssertSameTask(theirsBefore!, await GetAsync(theirs.Id, TenantB));
        Assert.Equal(3, (await StatsAsync()).CompletedTasks);
        Assert.Equal(0, (await StatsAsync(TenantB)).CompletedTasks);
    }

    [Fact]
    public async Task A_task_listed_twice_completes_once_with_the_first_result()
    {
        await EnqueueAsync(NewTasks(2));
        var claimed = await ClaimAsync(2);

        var outcomes = await CompleteManyAsync(Now,
            Completion(claimed[0], "{\"n\":1}"),
            Completion(claimed[0], "{\"n\":2}"),
            Completion(claimed[1], "{\"n\":3}"),
            Completion(claimed[0], "{\"n\":4}"),
            Completion(claimed[1], "{\"n\":5}"));

        Assert.Equal(
            [Completed(claimed[0]), LeaseLost(claimed[0].Id), Completed(claimed[1]), LeaseLost(claimed[0].Id), LeaseLost(claimed[1].Id)],
            outcomes);
        Assert.Equal("{\"n\":1}", (await GetAsync(claimed[0].Id))?.ResultJson);
        Assert.Equal("{\"n\":3}", (await GetAsync(claimed[1].Id))?.ResultJson);
        Assert.Equal(2, (await StatsAsync()).CompletedTasks);
    }

    [Fact]
    public async Task A_repeat_after_a_refused_item_is_judged_on_its_own_as_one_by_one_completions_would_be()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();

        var outcomes = await CompleteManyAsync(Now,
            new TaskCompletion(claimed.Id, Guid.CreateVersion7(Now), "{\"n\":1}"),
            Completion(claimed, "{\"n\":2}"),
            Completion(claimed, "{\"n\":3}"));

        Assert.Equal([LeaseLost(claimed.Id), Completed(claimed), LeaseLost(claimed.Id)], outcomes);
        Assert.Equal("{\"n\":2}", (await GetAsync(claimed.Id))?.ResultJson);
        Assert.Equal(1, (await StatsAsync()).CompletedTasks);
    }

    [Fact]
    public async Task An_empty_list_completes_nothing()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();

        Assert.Empty(await CompleteManyAsync(Now));

        AssertSameTask(claimed, await GetAsync(claimed.Id));
        Assert.Equal(0, (await StatsAsync()).CompletedTasks);
    }

    [Fact]
    public async Task A_completion_in_a_batch_wins_over_a_cancel_request()
    {
        await EnqueueAsync(NewTask());
        var claimed = await ClaimOneAsync();
        await CancelAsync(claimed.Id, at: Now.AddSeconds(1));

        var outcomes = await CompleteManyAsync(Now.AddSeconds(2), Completion(claimed, "{\"ok\":true}"));

        Assert.Equal([Completed(claimed)], outcomes);
        Assert.Equal(DurqTaskStatus.Completed, (await GetAsync(claimed.Id))?.Status);
    }

    [Fact]
    public async Task Five_hundred_completions_go_in_one_call()
    {
        const int count = 500;
        var tasks = NewTasks(count);
        await EnqueueAsync(tasks);
        var claimed = await ClaimAsync(count);
        Assert.Equal(count, claimed.Count);

        // Reversed, so the answer's order is the list's and not the store's.
        var completions = claimed.Reverse().Select(task => Completion(task, $"{{\"id\":\"{task.Id}\"}}")).ToArray();
        var outcomes = await CompleteManyAsync(Now.AddSeconds(1), completions);

        Assert.Equal(completions.Select(c => (c.TaskId, (string?)null)), outcomes.Select(o => (o.TaskId, o.Refusal)));
        Assert.Equal(tasks.Select(t => t.Id).Order(), (await ListAllIdsAsync(DurqTaskStatus.Completed)).Order());
        var sample = await GetAsync(tasks[321].Id);
        Assert.Equal($"{{\"id\":\"{tasks[321].Id}\"}}", sample?.ResultJson);
        AssertNoLease(sample);
        Assert.Equal(count, (await StatsAsync()).CompletedTasks);
    }

    [Fact]
    public async Task Eight_claimers_completing_in_batches_finish_two_thousand_tasks_each_exactly_once()
    {
        const int taskCount = 2000;
        const int claimerCount = 8;
        var tasks = NewTasks(taskCount);
        foreach (var chunk in tasks.Chunk(1000))
        {
            await EnqueueAsync(chunk);
        }

        var completions = new ConcurrentDictionary<Guid, int>();
        var owners = await RunClaimersAsync(claimerCount, 80, async (workerId, claimed) =>
        {
            // The same batch twice at once, as a worker retrying a report whose answer it missed would send it:
            // each task completes in exactly one of the two.
            var batch = claimed.Select(task => Completion(task, $"{{\"by\":\"{workerId}\"}}")).ToArray();
            var answers = await Task.WhenAll(CompleteManyAsync(Now, batch), CompleteManyAsync(Now, batch));
            foreach (var outcome in answers.SelectMany(a => a))
            {
                if (outcome.Completed)
                {
                    completions.AddOrUpdate(outcome.TaskId, 1, (_, count) => count + 1);
                }
                else
                {
                    Assert.Equal(ProblemCodes.LeaseLost, outcome.Refusal);
                }
            }
        });

        Assert.Equal(tasks.Select(t => t.Id).Order(), owners.Keys.Order());
        Assert.Equal(tasks.Select(t => t.Id).Order(), completions.Keys.Order());
        Assert.All(completions.Values, count => Assert.Equal(1, count));
        Assert.Equal(taskCount, (await ListAllIdsAsync(DurqTaskStatus.Completed)).Count);
        var stats = await StatsAsync();
        Assert.Equal(taskCount, stats.CompletedTasks);
        Assert.Equal(0, stats.ClaimedTasks);
        var sample = await GetAsync(tasks[1234].Id);
        Assert.Equal($"{{\"by\":\"{owners[tasks[1234].Id]}\"}}", sample?.ResultJson);
    }

    private protected Task<IReadOnlyList<CompletionOutcome>> CompleteManyAsync(DateTimeOffset at, params TaskCompletion[] completions) =>
        Store.CompleteTasksAsync(new CompleteTasksParams(TenantA, completions, at), CancellationToken.None);

    /// <summary>A completion under the lease <paramref name="claimed"/> carries.</summary>
    private static TaskCompletion Completion(DurqTask claimed, string? resultJson = "{}") =>
        new(claimed.Id, LeaseOf(claimed), resultJson);

    // A completion names its task's activity type and when its run was claimed, for the metrics.
    private static CompletionOutcome Completed(DurqTask task) => new(task.Id, null, task.ActivityType, task.ClaimedAt);

    private static CompletionOutcome LeaseLost(Guid taskId) => new(taskId, ProblemCodes.LeaseLost);
}
