using System.Collections.Concurrent;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Many claimers and reports at once: every task is handed out once at a time and finished once.</summary>
public abstract class ClaimConcurrencyTests : StoreTests
{
    [Fact]
    public async Task Sixteen_claimers_complete_three_thousand_tasks_each_exactly_once()
    {
        const int taskCount = 3000;
        const int claimerCount = 16;
        var tasks = NewTasks(taskCount);
        foreach (var chunk in tasks.Chunk(1000))
        {
            await EnqueueAsync(chunk);
        }

        var completions = new ConcurrentDictionary<Guid, int>();
        var owners = await RunClaimersAsync(claimerCount, 51, async (workerId, claimed) =>
        {
            foreach (var task in claimed)
            {
                Assert.Equal(workerId, task.ClaimedBy);
                Assert.Equal(1, task.Attempt);
            }

            await Task.WhenAll(claimed.Select(task => CompleteAsync(task, $"{{\"by\":\"{workerId}\"}}")));
            foreach (var task in claimed)
            {
                completions.AddOrUpdate(task.Id, 1, (_, count) => count + 1);
            }
        });

        Assert.Equal(tasks.Select(t => t.Id).Order(), owners.Keys.Order());
        Assert.All(completions.Values, count => Assert.Equal(1, count));
        Assert.Equal(taskCount, completions.Count);
        Assert.Equal(taskCount, (await ListAllIdsAsync(DurqTaskStatus.Completed)).Count);
        var stats = await StatsAsync();
        Assert.Equal(taskCount, stats.CompletedTasks);
        Assert.Equal(taskCount, stats.StartedTasks);
        Assert.Equal(0, stats.PendingTasks);
        Assert.Equal(0, stats.ClaimedTasks);
        var sample = await GetAsync(tasks[1234].Id);
        Assert.Equal($"{{\"by\":\"{owners[tasks[1234].Id]}\"}}", sample?.ResultJson);
    }

    [Fact]
    public async Task Claimers_of_different_activity_types_each_get_only_their_own()
    {
        var emails = NewTasks(300, "email.send");
        var sms = NewTasks(300, "sms.send");
        await EnqueueAsync([.. emails, .. sms]);
        var claimedByType = new ConcurrentDictionary<string, ConcurrentBag<DurqTask>>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var activityType = n % 2 == 0 ? "email.send" : "sms.send";
            while (true)
            {
                var claimed = await ClaimAsync(7, workerId: $"worker-{n}", activityTypes: [activityType]);
                if (claimed.Count == 0)
                {
                    return;
                }

                foreach (var task in claimed)
                {
                    claimedByType.GetOrAdd(activityType, _ => []).Add(task);
                }
            }
        })));

        Assert.Equal(emails.Select(t => t.Id).Order(), claimedByType["email.send"].Select(t => t.Id).Order());
        Assert.Equal(sms.Select(t => t.Id).Order(), claimedByType["sms.send"].Select(t => t.Id).Order());
    }

    [Fact]
    public async Task A_completion_racing_the_reaper_has_exactly_one_winner()
    {
        var tasks = NewTasks(200);
        await EnqueueAsync(tasks);
        var claimed = await ClaimAsync(200);
        var expiry = claimed[0].LeaseExpiresAt!.Value;
        var lastLiveMoment = expiry.AddMilliseconds(-1);
        var reclaimed = new ConcurrentBag<Guid>();

        var reaper = Task.Run(async () =>
        {
            IReadOnlyList<ReclaimedTask> batch;
            do
            {
                batch = await ReclaimAsync(expiry, maxTasks: 15);
                foreach (var task in batch)
                {
                    reclaimed.Add(task.TaskId);
                }
            }
            while (batch.Count > 0);
        });
        var completions = claimed.Select(task => Task.Run(async () =>
        {
            try
            {
                await CompleteAsync(task, at: lastLiveMoment);
                return (task.Id, Won: true);
            }
            catch (LeaseLostException)
            {
                return (task.Id, Won: false);
            }
        })).ToList();
        await reaper;
        var results = await Task.WhenAll(completions);

        var completed = results.Where(r => r.Won).Select(r => r.Id).ToHashSet();
        Assert.Equal(tasks.Select(t => t.Id).Order(), completed.Concat(reclaimed).Order());
        foreach (var task in tasks)
        {
            var stored = await GetAsync(task.Id);
            var expected = completed.Contains(task.Id) ? DurqTaskStatus.Completed : DurqTaskStatus.Pending;
            Assert.Equal(expected, stored?.Status);
            Assert.Equal(completed.Contains(task.Id) ? 0 : 1, ErrorsOf(stored).Count);
        }

        var stats = await StatsAsync();
        Assert.Equal(completed.Count, stats.CompletedTasks);
        Assert.Equal(reclaimed.Count, stats.FailedAttempts);
    }

    [Fact]
    public async Task Concurrent_reports_under_one_lease_finish_the_task_once()
    {
        var tasks = NewTasks(100);
        await EnqueueAsync(tasks);
        var claimed = await ClaimAsync(100);

        // Each task is completed and failed at the same moment, as a confused worker might; one report wins.
        var reports = claimed.SelectMany(task => new[]
        {
            Task.Run(async () => await TryAsync(() => CompleteAsync(task))),
            Task.Run(async () => await TryAsync(() => FailAsync(task))),
        }).ToList();
        var outcomes = await Task.WhenAll(reports);

        Assert.Equal(claimed.Count, outcomes.Count(won => won));
        foreach (var task in claimed)
        {
            var stored = await GetAsync(task.Id);
            Assert.Contains(stored?.Status, new DurqTaskStatus?[] { DurqTaskStatus.Completed, DurqTaskStatus.Pending });
            Assert.Equal(stored?.Status == DurqTaskStatus.Completed ? 0 : 1, ErrorsOf(stored).Count);
            AssertNoLease(stored);
        }

        var stats = await StatsAsync();
        Assert.Equal(claimed.Count, stats.CompletedTasks + stats.FailedAttempts);
    }

    private static async Task<bool> TryAsync<T>(Func<Task<T>> report)
    {
        try
        {
            await report();
            return true;
        }
        catch (LeaseLostException)
        {
            return false;
        }
    }
}
