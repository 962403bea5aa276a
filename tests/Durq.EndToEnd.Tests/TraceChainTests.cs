using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net.Http.Json;
using Durq.Client;
using Durq.Contracts;
using Durq.Server.Hosting;
using Durq.Server.Observability;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Durq.EndToEnd.Tests;

/// <summary>Alone: its tracer listens to every HttpClient and ASP.NET Core activity in the process.</summary>
[CollectionDefinition(nameof(TraceChainGroup), DisableParallelization = true)]
public sealed class TraceChainGroup;

/// <summary>
/// One trace from producer to worker (docs/observability.md, "Traces"): a node in this process on a real loopback port
/// (Kestrel, as <c>durq serve</c> builds it) and an SDK worker over real HTTP, their spans collected by OpenTelemetry's
/// in-memory exporter. The producer's span → its HTTP client span → the node's server span → Durq's <c>send</c> span →
/// the worker's <c>process</c> span, each the parent of the next; the claim's <c>receive</c> span links to the send.
/// </summary>
[Collection(nameof(TraceChainGroup))]
public sealed class TraceChainTests : IAsyncLifetime
{
    private const string Type = "traced";
    private static readonly ActivitySource Producer = new("Durq.Tests.Producer");

    private readonly TempDir _data = new();
    private readonly LockedSpans _spans = new();
    private TracerProvider _tracer = null!;
    private WebApplication _node = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(Producer.Name, DurqTelemetry.Name, DurqClientTelemetry.ActivitySourceName, "Microsoft.AspNetCore", "System.Net.Http")
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_spans)
            .Build()!;
        _node = DurqWebApp.Build([], new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0", ["Storage:DataDir"] = _data.Path });
        await _node.StartAsync();
        _address = new Uri(_node.Urls.First());
    }

    public async Task DisposeAsync()
    {
        await _node.StopAsync();
        await _node.DisposeAsync();
        _tracer.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Enqueue_claim_and_handler_are_one_trace_across_the_HTTP_hops()
    {
        using var http = new HttpClient { BaseAddress = _address };
        var client = new DurqClient(http);
        string taskId;
        ActivityContext root;
        using (var produce = Producer.StartActivity("produce"))
        {
            root = produce!.Context;
            taskId = await client.EnqueueAsync(Type, new RawJson("{}"));
        }

        var ran = new TaskCompletionSource<ActivityContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var worker = await InProcessWorker.StartAsync(_address, "tracer-1", Type, (_, _) =>
        {
            ran.TrySetResult(Activity.Current?.Context);
            return Task.FromResult<RawJson?>(null);
        }))
        {
            await WaitUntil.SignalAsync(ran.Task, "the handler to run");
            await WaitUntil.ConditionAsync(() => Task.FromResult(Spans()), spans => spans.Any(IsProcessSpan), "the process span to end");
            await worker.StopAsync();
        }

        var spans = Spans();
        var send = Assert.Single(spans, s => s.Source.Name == DurqTelemetry.Name && s.Kind == ActivityKind.Producer);
        var server = Assert.Single(spans, s => s.SpanId == send.ParentSpanId);
        var clientCall = Assert.Single(spans, s => s.SpanId == server.ParentSpanId);
        var process = Assert.Single(spans, IsProcessSpan);
        Assert.Equal(("Microsoft.AspNetCore", ActivityKind.Server), (server.Source.Name, server.Kind));
        Assert.Equal(("System.Net.Http", ActivityKind.Client, root.SpanId), (clientCall.Source.Name, clientCall.Kind, clientCall.ParentSpanId));
        Assert.All([clientCall, server, send, process], s => Assert.Equal(root.TraceId, s.TraceId));
        Assert.Equal((send.SpanId, ActivityKind.Consumer, "process " + Type), (process.ParentSpanId, process.Kind, process.DisplayName));
        Assert.Equal(process.SpanId, (await ran.Task)?.SpanId);

        Assert.Equal("send " + Type, send.DisplayName);
        Assert.Equal(
            [("messaging.system", "durq"), ("messaging.operation.type", "send"), ("messaging.destination.name", Type), ("messaging.message.id", taskId)],
            Tags(send, "messaging.system", "messaging.operation.type", "messaging.destination.name", "messaging.message.id"));
        Assert.Equal(
            [("messaging.system", "durq"), ("messaging.operation.type", "process"), ("messaging.destination.name", Type), ("messaging.message.id", taskId)],
            Tags(process, "messaging.system", "messaging.operation.type", "messaging.destination.name", "messaging.message.id"));

        // The task keeps the send span's context; the claim that handed it out links to it, from the worker's own trace.
        Assert.Equal(send.Id, (await client.GetTaskAsync(taskId)).Traceparent);
        var receive = Assert.Single(spans, s => s.Source.Name == DurqTelemetry.Name && s.DisplayName == "receive " + Type
            && s.Links.Any(l => l.Context.SpanId == send.SpanId));
        Assert.Equal(ActivityKind.Client, receive.Kind);
        Assert.NotEqual(root.TraceId, receive.TraceId);
    }

    [Fact]
    public async Task With_tracing_off_the_node_starts_no_span_and_the_task_keeps_the_header()
    {
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var data = new TempDir();
        await using var node = DurqWebApp.Build([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:DataDir"] = data.Path,
            ["Observability:Tracing"] = "false",
        });
        await node.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(node.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/durable/tasks")
        {
            Content = new StringContent("""{"activity_type":"untraced","input":1}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", traceparent);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var taskId = (await response.Content.ReadFromJsonAsync(DurqJson.Context.EnqueueTaskResponse))!.TaskId;

        Assert.Equal(traceparent, (await new DurqClient(http).GetTaskAsync(taskId)).Traceparent);
        await node.StopAsync();
        Assert.DoesNotContain(Spans(), s => s.Source.Name == DurqTelemetry.Name);
    }

    private static bool IsProcessSpan(Activity span) => span.Source.Name == DurqClientTelemetry.ActivitySourceName && span.Kind == ActivityKind.Consumer;

    private static (string, string?)[] Tags(Activity span, params string[] names) =>
        [.. names.Select(name => (name, span.GetTagItem(name)?.ToString()))];

    private List<Activity> Spans() => _spans.Snapshot();

    /// <summary>The exporter's list: it adds on whichever thread ends a span, while the test reads.</summary>
    private sealed class LockedSpans : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public List<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
