using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Sqlite;

/// <summary>
/// A write that finds the SQLite writer idle runs at once on its caller's thread, as a batch of its own, and is durable
/// when the call returns; writes that arrive together still go through the writer's loop and share its batches.
/// </summary>
public sealed class SqliteIdleWriterTests : StoreTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();

    [Fact]
    public async Task An_enqueue_to_an_idle_writer_is_committed_before_the_call_returns()
    {
        // Off the test runner's synchronization context, as a request of the server runs; the first write makes the
        // last batch a single one.
        await Task.Run(() => EnqueueAsync(NewTask()));
        var task = NewTask();

        var answeredAtOnce = await Task.Run(() => EnqueueAsync(task).IsCompletedSuccessfully);

        Assert.True(answeredAtOnce);
        Assert.NotNull(await GetAsync(task.Id));
    }

    [Fact]
    public async Task Sequential_enqueues_after_a_burst_are_each_committed_and_readable()
    {
        var burst = NewTasks(200);
        await Task.WhenAll(burst.Select(t => Task.Run(() => EnqueueAsync(t))));
        var sequential = NewTasks(50);

        foreach (var task in sequential)
        {
            await Task.Run(() => EnqueueAsync(task));
        }

        Assert.Equal(250, (await ListAllIdsAsync()).Count);
    }
}
