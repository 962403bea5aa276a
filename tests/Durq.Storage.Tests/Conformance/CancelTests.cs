using Durq.Core.Errors;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>Cancelling: pending → cancelled at once; terminal tasks and unknown ids are refused.</summary>
public abstract class CancelTests : StoreTests
{
    private static readonly DateTimeOffset CancelTime = Now.AddSeconds(5);

    [Fact]
    public async Task Cancelling_a_pending_task_cancels_it_at_once()
    {
        var task = NewTask();
        await EnqueueAsync(task);

        var cancelled = await CancelAsync(task.Id, at: CancelTime);

        Assert.Equal(task.Id, cancelled.Id);
        Assert.Equal(DurqTaskStatus.Cancelled, cancelled.Status);
        Assert.Equal(CancelTime, cancelled.UpdatedAt);
        Assert.Equal(Now, cancelled.CreatedAt);
        Assert.Equal(DurqTaskStatus.Cancelled, (await GetAsync(task.Id))?.Status);
    }

    [Fact]
    public async Task Cancelling_one_task_leaves_the_others_pending()
    {
        var tasks = NewTasks(3);
        await EnqueueAsync(tasks);

        await CancelAsync(tasks[1].Id);

        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(tasks[0].Id))?.Status);
        Assert.Equal(DurqTaskStatus.Pending, (await GetAsync(tasks[2].Id))?.Status);
    }

    [Fact]
    public async Task Cancelling_a_cancelled_task_is_refused_as_not_cancellable()
    {
        var task = NewTask();
        await EnqueueAsync(task);
        await CancelAsync(task.Id, at: CancelTime);

        var error = await Assert.ThrowsAsync<NotCancellableException>(() => CancelAsync(task.Id, at: CancelTime.AddSeconds(1)));

        Assert.Equal(task.Id, error.TaskId);
        Assert.Equal(ProblemCodes.NotCancellable, error.Code);
        Assert.Equal(CancelTime, (await GetAsync(task.Id))?.UpdatedAt);
    }

    [Fact]
    public async Task Cancelling_an_unknown_task_is_not_found()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => CancelAsync(Guid.CreateVersion7(Now)));

        Assert.Equal(ProblemCodes.NotFound, error.Code);
    }
}
