using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>The task list: newest first, filtered by status and activity type, paged by cursor.</summary>
public abstract class ListTests : StoreTests
{
    [Fact]
    public async Task Tasks_are_listed_newest_first()
    {
        var tasks = NewTasks(5);
        foreach (var task in tasks)
        {
            await EnqueueAsync(task);
        }

        var listed = (await ListAsync()).Tasks.Select(t => t.Id).ToList();

        Assert.Equal(tasks.Select(t => t.Id).Reverse(), listed);
        Assert.Equal(listed.Select(TaskIds.Format).OrderDescending(StringComparer.Ordinal), listed.Select(TaskIds.Format));
    }

    [Fact]
    public async Task Empty_list_has_no_tasks_and_no_next_cursor()
    {
        var page = await ListAsync();

        Assert.Empty(page.Tasks);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Status_filter_lists_only_tasks_in_that_status()
    {
        var tasks = NewTasks(3);
        await EnqueueAsync(tasks);
        await CancelAsync(tasks[1].Id);

        var cancelled = await ListAsync(DurqTaskStatus.Cancelled);
        var pending = await ListAsync(DurqTaskStatus.Pending);

        Assert.Equal([tasks[1].Id], cancelled.Tasks.Select(t => t.Id));
        Assert.Equal([tasks[2].Id, tasks[0].Id], pending.Tasks.Select(t => t.Id));
        Assert.Empty((await ListAsync(DurqTaskStatus.Dead)).Tasks);
    }

    [Fact]
    public async Task Activity_type_filter_lists_only_that_type()
    {
        var emails = NewTasks(2, "email.send");
        await EnqueueAsync(emails);
        await EnqueueAsync(NewTasks(3, "sms.send"));

        var page = await ListAsync(activityType: "email.send");

        Assert.Equal(emails.Select(t => t.Id).Reverse(), page.Tasks.Select(t => t.Id));
        Assert.Empty((await ListAsync(activityType: "email")).Tasks);
    }

    [Fact]
    public async Task Status_and_activity_type_filters_combine()
    {
        var emails = NewTasks(2, "email.send");
        var sms = NewTasks(2, "sms.send");
        await EnqueueAsync([.. emails, .. sms]);
        await CancelAsync(emails[0].Id);
        await CancelAsync(sms[1].Id);

        var page = await ListAsync(DurqTaskStatus.Cancelled, "email.send");

        Assert.Equal([emails[0].Id], page.Tasks.Select(t => t.Id));
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(6, 3)]
    [InlineData(5, 10)]
    [InlineData(4, 1)]
    [InlineData(1, 1)]
    public async Task Paging_visits_every_task_exactly_once_and_the_last_page_has_no_cursor(int count, int limit)
    {
        var tasks = NewTasks(count);
        await EnqueueAsync(tasks);
        var seen = new List<Guid>();
        var pages = 0;
        Guid? cursor = null;

        do
        {
            var page = await ListAsync(limit: limit, cursor: cursor);
            Assert.InRange(page.Tasks.Count, 1, limit);
            Assert.Equal(page.NextCursor is null, seen.Count + page.Tasks.Count == count);
            seen.AddRange(page.Tasks.Select(t => t.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(tasks.Select(t => t.Id).Reverse(), seen);
        Assert.Equal((count + limit - 1) / limit, pages);
    }

    [Fact]
    public async Task Paging_with_a_filter_stays_within_the_filter()
    {
        var emails = NewTasks(5, "email.send");
        await EnqueueAsync(emails);
        await EnqueueAsync(NewTasks(5, "sms.send"));

        var first = await ListAsync(activityType: "email.send", limit: 3);
        var second = await ListAsync(activityType: "email.send", limit: 3, cursor: first.NextCursor);

        Assert.Equal(emails.Select(t => t.Id).Reverse(), first.Tasks.Concat(second.Tasks).Select(t => t.Id));
        Assert.Null(second.NextCursor);
    }
}
