using System.Diagnostics;
using Durq.Core.Tasks;
using Microsoft.Extensions.Options;

namespace Durq.Server.Observability;

/// <summary>
/// The server's spans (docs/observability.md, "Traces"): an enqueue's producer span, whose context the task keeps as
/// its <c>traceparent</c> so the worker's process span is its child, and a claim's span, linked to each task it hands
/// out. With <c>Observability:Tracing=false</c>, or no listener, nothing is started and nothing is allocated.
/// </summary>
internal sealed class DurqTracing(IOptions<ObservabilityOptions> options)
{
    private readonly bool _enabled = options.Value.Tracing;

    /// <summary>Starts an enqueue's producer span: the child of the request's span, or of its <c>traceparent</c> header when no span is running.</summary>
    public Activity? StartEnqueue(string? traceparent)
    {
        if (!_enabled || !DurqTelemetry.Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (Activity.Current is null && traceparent is not null)
        {
            _ = ActivityContext.TryParse(traceparent, null, isRemote: true, out parent);
        }

        // A span the sampler left out exists only to carry the context on: it gets no attributes.
        var producer = DurqTelemetry.Source.StartActivity("send", ActivityKind.Producer, parent);
        return producer is { IsAllDataRequested: true }
            ? producer.SetTag("messaging.system", DurqTelemetry.MessagingSystem)
                .SetTag("messaging.operation.type", "send")
                .SetTag("messaging.operation.name", "send")
            : producer;
    }

    /// <summary>
    /// What the tasks keep: the producer span's context when it is recorded, else the header as it came. A span the
    /// sampler left out is in no trace anyone sees, so the task does not carry (and store) its context.
    /// </summary>
    public static string? TraceparentOf(Activity? producer, string? header) =>
        producer is { Recorded: true, IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : header;

    /// <summary>Names the producer span by what it sends (<c>send {activity_type}</c>), once the request is parsed.</summary>
    public static void Describe(Activity? producer, IReadOnlyList<NewTask> tasks)
    {
        if (producer is not { IsAllDataRequested: true } || tasks.Count == 0)
        {
            return;
        }

        var activityType = tasks[0].ActivityType;
        var oneType = tasks.All(t => t.ActivityType == activityType);
        producer.DisplayName = oneType ? "send " + activityType : "send";
        if (oneType)
        {
            producer.SetTag("messaging.destination.name", activityType);
        }

        if (tasks.Count > 1)
        {
            producer.SetTag("messaging.batch.message_count", tasks.Count);
        }
        else
        {
            producer.SetTag("messaging.message.id", TaskIds.Format(tasks[0].Id));
        }
    }

    /// <summary>Starts a claim's span, kind client as OpenTelemetry's messaging conventions have a <c>receive</c>.</summary>
    public Activity? StartClaim(IReadOnlyList<string> activityTypes)
    {
        if (!_enabled || !DurqTelemetry.Source.HasListeners())
        {
            return null;
        }

        var activity = DurqTelemetry.Source.StartActivity("receive", ActivityKind.Client);
        if (activity is not { IsAllDataRequested: true })
        {
            return activity;
        }

        activity.SetTag("messaging.system", DurqTelemetry.MessagingSystem)
            .SetTag("messaging.operation.type", "receive")
            .SetTag("messaging.operation.name", "receive");
        if (activityTypes.Count == 1)
        {
            activity.DisplayName = "receive " + activityTypes[0];
            activity.SetTag("messaging.destination.name", activityTypes[0]);
        }

        return activity;
    }

    /// <summary>Links the claim's span to the producer span of each task it hands out, as the conventions link a receive.</summary>
    public static void Claimed(Activity? claim, IReadOnlyList<DurqTask> tasks)
    {
        if (claim is not { IsAllDataRequested: true })
        {
            return;
        }

        claim.SetTag("messaging.batch.message_count", tasks.Count);
        foreach (var task in tasks)
        {
            if (ActivityContext.TryParse(task.Traceparent, null, isRemote: true, out var producer))
            {
                claim.AddLink(new ActivityLink(producer, new ActivityTagsCollection { ["messaging.message.id"] = TaskIds.Format(task.Id) }));
            }
        }
    }
}
