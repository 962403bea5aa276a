using System.Diagnostics.Metrics;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Server.Observability;

/// <summary>
/// The per-node counters and histograms of the <c>Durq</c> meter (docs/observability.md): what this node's requests
/// and reaper changed, recorded where the node learns of each change. Each record is one tag list on the stack and no
/// lock; with no listener (<c>Observability:Metrics=false</c>) every instrument is disabled and each method returns at
/// its first check.
/// </summary>
internal sealed class DurqMetrics
{
    private const string Tenant = "tenant";
    private const string ActivityType = "activity_type";
    private const string ErrorType = "error_type";
    // An attempt failed without a type (the worker sent none) is counted under this error type.
    private const string UntypedError = "unknown";

    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _attemptsFailed;
    private readonly Counter<long> _dead;
    private readonly Histogram<double> _runSeconds;
    private readonly Histogram<double> _waitSeconds;

    public DurqMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DurqTelemetry.Name);
        _enqueued = meter.CreateCounter<long>("durq.tasks.enqueued", "{task}", "Tasks this node enqueued (an idempotent replay is not counted).");
        _completed = meter.CreateCounter<long>("durq.tasks.completed", "{task}", "Tasks this node completed.");
        _attemptsFailed = meter.CreateCounter<long>("durq.task.attempts.failed", "{attempt}",
            "Failed attempts this node recorded: reported by a worker, or reclaimed by this node's reaper (lease_expired, timeout).");
        _dead = meter.CreateCounter<long>("durq.tasks.dead", "{task}", "Tasks this node moved to the dead-letter queue.");
        _runSeconds = meter.CreateHistogram<double>("durq.task.run", "s",
            "From a task's claim to its batch completion or its reported failure, as this node recorded it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _waitSeconds = meter.CreateHistogram<double>("durq.task.wait", "s", "From the time a task became claimable to its claim on this node.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    /// <summary>Task queues live from milliseconds (a claim right after an enqueue) to hours (a backlog); OpenTelemetry's default buckets stop at 10 s.</summary>
    private static IReadOnlyList<double> Buckets { get; } =
        [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    public void Enqueued(string tenant, IReadOnlyList<NewTask> tasks)
    {
        if (!_enqueued.Enabled)
        {
            return;
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            _enqueued.Add(1, new(Tenant, tenant), new(ActivityType, tasks[i].ActivityType));
        }
    }

    public void Claimed(string tenant, IReadOnlyList<DurqTask> tasks)
    {
        if (!_waitSeconds.Enabled)
        {
            return;
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            if (task.ClaimedAt is { } claimedAt)
            {
                _waitSeconds.Record(Seconds(claimedAt - task.VisibleAt), new(Tenant, tenant), new(ActivityType, task.ActivityType));
            }
        }
    }

    /// <summary>One completion (the single route, whose store answer has no claim time left: it is not timed).</summary>
    public void Completed(string tenant, string activityType) => _completed.Add(1, new(Tenant, tenant), new(ActivityType, activityType));

    /// <summary>A batch's completions, each with its run time (claim to <paramref name="now"/>).</summary>
    public void Completed(string tenant, IReadOnlyList<CompletionOutcome> outcomes, DateTimeOffset now)
    {
        if (!_completed.Enabled)
        {
            return;
        }

        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i] is { ActivityType: { } activityType } outcome)
            {
                Completed(tenant, activityType);
                if (outcome.ClaimedAt is { } claimedAt)
                {
                    Ran(tenant, activityType, claimedAt, now);
                }
            }
        }
    }

    /// <summary>A failed attempt and, when it ended the task, its death.</summary>
    public void AttemptFailed(string tenant, string activityType, string? errorType, DurqTaskStatus status, DateTimeOffset? claimedAt, DateTimeOffset now)
    {
        if (!_attemptsFailed.Enabled)
        {
            return;
        }

        _attemptsFailed.Add(1, new(Tenant, tenant), new(ActivityType, activityType), new(ErrorType, errorType ?? UntypedError));
        if (status == DurqTaskStatus.Dead)
        {
            Dead(tenant, activityType);
        }

        if (claimedAt is { } claimed)
        {
            _runSeconds.Record(Seconds(now - claimed), new(Tenant, tenant), new(ActivityType, activityType));
        }
    }

    public void Dead(string tenant, string activityType) => _dead.Add(1, new(Tenant, tenant), new(ActivityType, activityType));

    /// <summary>A task's run, claim to completion, where the store told when it was claimed.</summary>
    public void Ran(string tenant, string activityType, DateTimeOffset claimedAt, DateTimeOffset now) =>
        _runSeconds.Record(Seconds(now - claimedAt), new(Tenant, tenant), new(ActivityType, activityType));

    // Clocks of two nodes may disagree a little; a negative duration is recorded as none.
    private static double Seconds(TimeSpan span) => span > TimeSpan.Zero ? span.TotalSeconds : 0;
}
