using Durq.Core.Tasks;

namespace Durq.Core.Tests.Validation;

/// <summary><c>POST /tasks/batch</c>: 1–1000 items, all-or-nothing, every bad item named by its index.</summary>
public class BatchTests
{
    private const string Item = """{"activity_type": "email.send", "input": {}}""";

    private static string Batch(params string[] items) => $$"""{"tasks": [{{string.Join(", ", items)}}]}""";

    private static string Batch(int count) => Batch([.. Enumerable.Repeat(Item, count)]);

    [Fact]
    public void Valid_batch_becomes_tasks_in_request_order()
    {
        var tasks = Enqueue.ParseBatch(Batch(
            """{"activity_type": "a", "input": 1}""",
            """{"activity_type": "b", "input": 2, "options": {"priority": 7}}""",
            """{"activity_type": "c", "input": 3}"""));

        Assert.Equal(["a", "b", "c"], tasks.Select(t => t.ActivityType));
        Assert.Equal(["1", "2", "3"], tasks.Select(t => t.InputJson));
        Assert.Equal(7, tasks[1].Options.Priority);
        Assert.Equal(3, tasks.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Ids_of_a_batch_grow_in_request_order_though_made_in_one_millisecond()
    {
        var ids = Enqueue.ParseBatch(Batch(50)).Select(t => TaskIds.Format(t.Id)).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public void Every_task_of_a_batch_carries_the_traceparent()
    {
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        Assert.All(Enqueue.ParseBatch(Batch(Item, Item), traceparent), t => Assert.Equal(traceparent, t.Traceparent));
    }

    [Fact]
    public void Tasks_sending_the_same_options_share_one_parsed_options_and_others_get_their_own()
    {
        const string same = """{"activity_type": "a", "input": 1, "options": {"max_attempts": 3, "priority": 10}}""";
        const string other = """{"activity_type": "a", "input": 1, "options": {"max_attempts": 3, "priority": 11}}""";

        var tasks = Enqueue.ParseBatch(Batch(same, same, other, Item, Item));

        Assert.Same(tasks[0].Options, tasks[1].Options);
        Assert.Equal([10, 10, 11, 0, 0], tasks.Select(t => t.Options.Priority));
        Assert.Equal(tasks[3].Options, tasks[4].Options);
    }

    [Fact]
    public void Items_sending_the_same_bad_options_are_each_named()
    {
        const string bad = """{"activity_type": "a", "input": 1, "options": {"max_attempts": 0}}""";

        Assert.Equal(
            ["tasks[0].options.max_attempts", "tasks[1].options.max_attempts"],
            Enqueue.RejectedBatchFields(Batch(bad, bad)));
    }

    [Fact]
    public void Batch_of_1000_is_accepted()
    {
        Assert.Equal(1000, Enqueue.ParseBatch(Batch(1000)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Batch_of_no_tasks_or_more_than_1000_is_rejected(int count)
    {
        Assert.Equal(["tasks"], Enqueue.RejectedBatchFields(Batch(count)));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"tasks": null}""")]
    [InlineData("""{"tasks": {"activity_type": "email.send", "input": {}}}""")]
    [InlineData("""{"tasks": "email.send"}""")]
    public void Batch_without_a_tasks_array_is_rejected(string json)
    {
        Assert.Equal(["tasks"], Enqueue.RejectedBatchFields(json));
    }

    [Theory]
    [InlineData("""[{"activity_type": "email.send", "input": {}}]""")]
    [InlineData("null")]
    public void Batch_body_that_is_not_an_object_is_rejected_at_the_root(string json)
    {
        Assert.Equal(["$"], Enqueue.RejectedBatchFields(json));
    }

    [Fact]
    public void Each_bad_item_is_named_by_its_index()
    {
        var json = Batch(
            Item,
            """{"input": {}}""",
            """{"activity_type": "a b", "options": {"max_attempts": 0, "retry": {"jitter": -1}}}""",
            "42");

        Assert.Equal(
            ["tasks[1].activity_type", "tasks[2].activity_type", "tasks[2].input", "tasks[2].options.max_attempts",
             "tasks[2].options.retry.jitter", "tasks[3]"],
            Enqueue.RejectedBatchFields(json).Order(StringComparer.Ordinal));
    }
}
