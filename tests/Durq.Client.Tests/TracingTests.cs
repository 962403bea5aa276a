using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Durq.Contracts;
using Xunit.Abstractions;

namespace Durq.Client.Tests;

/// <summary>A task runs in an activity that continues the trace it was enqueued in.</summary>
public sealed class TracingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private readonly DurqApiFactory _node = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private ActivityListener _listener = null!;

    public Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Durq.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task The_handler_runs_in_a_child_of_the_enqueuers_trace()
    {
        string id;
        using (var http = _node.CreateClient())
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/durable/tasks"))
        {
            request.Headers.Add("traceparent", Traceparent);
            request.Content = new StringContent("""{"activity_type":"traced","input":1}""", Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            id = (await _node.CreateDurqClient().ListTasksAsync()).Data.Single().Id;
        }

        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = new WorkerHost(_node, output, builder => builder.Handle("traced", (_, context) =>
        {
            seen.TrySetResult(context.Traceparent);
            return Task.FromResult<RawJson?>(null);
        }));
        await worker.StartAsync();
        await WaitUntil.SignalAsync(seen.Task, "the handler to run");

        Assert.Equal(Traceparent, await seen.Task);
        var activity = await WaitUntil.ConditionAsync(
            () => Task.FromResult(_activities.FirstOrDefault(a => Equals(a.GetTagItem("durq.task.id"), id))),
            found => found is not null, "the task's activity to stop");
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", activity!.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", activity.ParentSpanId.ToHexString());
        Assert.Equal(("process traced", ActivityKind.Consumer), (activity.DisplayName, activity.Kind));
    }
}
