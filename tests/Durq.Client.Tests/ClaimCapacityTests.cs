namespace Durq.Client.Tests;

public sealed class ClaimCapacityTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Until_a_handler_has_been_timed_only_the_handler_slots_may_be_claimed()
    {
        var capacity = new ClaimCapacity(concurrency: 4, prefetch: 12);

        Assert.Equal(4, await capacity.TakeAsync(most: 500, CancellationToken.None));
        Assert.False(capacity.TakeAsync(500, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Short_handlers_let_the_worker_claim_ahead_up_to_the_prefetch()
    {
        var capacity = new ClaimCapacity(concurrency: 4, prefetch: 12);
        await capacity.TakeAsync(500, CancellationToken.None);

        capacity.Finished(Short);

        Assert.Equal(13, await capacity.TakeAsync(500, CancellationToken.None));
        Assert.Equal(16, capacity.Held);
    }

    [Fact]
    public async Task Handlers_that_turn_long_stop_the_claiming_ahead()
    {
        var capacity = new ClaimCapacity(concurrency: 2, prefetch: 6);
        await capacity.TakeAsync(500, CancellationToken.None);
        capacity.Finished(Short);
        capacity.Finished(Short);
        Assert.Equal(8, await capacity.TakeAsync(500, CancellationToken.None));

        // Long handlers pull the moving average up until not even one task more starts within the wait budget; the
        // tasks already claimed ahead still run.
        for (var i = 0; i < 7; i++)
        {
            capacity.Finished(Long);
        }

        Assert.Equal(1, capacity.Held);
        Assert.Equal(1, await capacity.TakeAsync(500, CancellationToken.None));
    }

    [Fact]
    public async Task The_worker_claims_ahead_only_what_its_handlers_start_within_the_wait_budget()
    {
        var capacity = new ClaimCapacity(concurrency: 2, prefetch: 100);
        await capacity.TakeAsync(500, CancellationToken.None);

        capacity.Finished(TimeSpan.FromMilliseconds(50));

        // Two slots at 50 ms a task start 10 tasks in 250 ms: 2 for the slots (one still held) and 10 ahead.
        Assert.Equal(11, await capacity.TakeAsync(500, CancellationToken.None));
    }

    [Fact]
    public async Task A_full_worker_waits_until_a_task_finishes_or_a_claim_gives_back_what_it_did_not_fill()
    {
        var capacity = new ClaimCapacity(concurrency: 2, prefetch: 0);
        Assert.Equal(2, await capacity.TakeAsync(500, CancellationToken.None));

        var waiting = capacity.TakeAsync(500, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        capacity.Return(1);

        Assert.Equal(1, await waiting);
        Assert.Equal(2, await Task.WhenAny(capacity.TakeAsync(500, CancellationToken.None), Task.FromResult(2)).Unwrap());
    }

    [Fact]
    public async Task One_claim_takes_no_more_than_asked()
    {
        var capacity = new ClaimCapacity(concurrency: 16, prefetch: 0);

        Assert.Equal(5, await capacity.TakeAsync(most: 5, CancellationToken.None));
        Assert.Equal(11, await capacity.TakeAsync(most: 500, CancellationToken.None));
    }
}
