using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Expiry: a task not claimed by its <c>expires_at</c> is never claimed after it, and the reaper moves it to dead.</summary>
public abstract class ExpiryTests : StoreTests
{
    private static readonly DateTimeOffset Expiry = Now.AddSeconds(10);

    [Fact]
    public async Task A_task_past_its_expiry_is_not_claimed_and_the_reaper_makes_it_dead_as_expired()
    {
        var expiring = NewTask(options: DefaultOptions with { ExpiresAt = Expiry });
        var lasting = NewTask(idTime: Now.AddMilliseconds(1));
        await EnqueueAsync(expiring, lasting);

        var claimed = await ClaimAsync(5, at: Expiry);
        var expired = await ExpireAsync(Expiry);

        Assert.Equal(lasting.Id, Assert.Single(claimed).Id);
        Assert.Equal(expiring.Id, Assert.Single(expired).TaskId);
        var stored = await GetAsync(expiring.Id);
        Assert.Equal(DurqTaskStatus.Dead, stored?.Status);
        Assert.Equal(0, stored?.Attempt);
        Assert.Equal("expired", LastErrorOf(stored)?.Type);
        var stats = await StatsAsync();
        Assert.Equal((0, 1), (stats.PendingTasks, stats.DeadTasks));
        Assert.Empty(await ExpireAsync(Expiry.AddSeconds(1)));
    }

    [Fact]
    public async Task Before_its_expiry_a_task_is_claimed_and_the_reaper_leaves_a_claimed_one_alone()
    {
        var first = NewTask(options: DefaultOptions with { ExpiresAt = Expiry });
        var second = NewTask(idTime: Now.AddMilliseconds(1), options: DefaultOptions with { ExpiresAt = Expiry });
        await EnqueueAsync(first, second);

        Assert.Empty(await ExpireAsync(Expiry.AddMilliseconds(-1)));
        var claimed = Assert.Single(await ClaimAsync(1, at: Expiry.AddMilliseconds(-1)));
        var expired = await ExpireAsync(Expiry.AddSeconds(5));

        Assert.Equal(first.Id, claimed.Id);
        Assert.Equal(second.Id, Assert.Single(expired).TaskId);
        Assert.Equal(DurqTaskStatus.Claimed, (await GetAsync(first.Id))?.Status);
        await CompleteAsync(claimed, at: Expiry.AddSeconds(6));
        Assert.Equal(DurqTaskStatus.Completed, (await GetAsync(first.Id))?.Status);
    }

    [Fact]
    public async Task A_retry_waiting_past_the_expiry_expires_too()
    {
        var task = NewTask(options: DefaultOptions with { ExpiresAt = Expiry });
        await EnqueueAsync(task);
        await FailAsync(await ClaimOneAsync(at: Now), at: Now);

        var expired = await ExpireAsync(Expiry);

        Assert.Single(expired);
        var stored = await GetAsync(task.Id);
        Assert.Equal(["boom", "expired"], ErrorsOf(stored).Select(e => e.Type));
    }

    private Task<IReadOnlyList<ReclaimedTask>> ExpireAsync(DateTimeOffset at) =>
        Store.ExpirePendingAsync(new ExpirePendingParams(at, 100), CancellationToken.None);
}
