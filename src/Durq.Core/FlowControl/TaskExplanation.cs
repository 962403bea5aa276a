using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Core.FlowControl;

/// <summary>One reason a task is where it is, as <c>GET /tasks/{id}/explain</c> gives it.</summary>
/// <param name="Until">When the reason ends by itself, when it knows (a due time, a backoff, a token, a probe).</param>
internal sealed record ExplainReason(string Code, string Message, DateTimeOffset? Until = null, ExplainDetails? Details = null);

/// <summary>The particulars of a reason, each set only by the reasons it belongs to.</summary>
internal sealed record ExplainDetails
{
    /// <summary><c>queued_behind</c>: the claimable tasks of the type before this one in claim order.</summary>
    public long? Ahead { get; init; }
    public int? MaxConcurrency { get; init; }
    public int? Claimed { get; init; }
    public string? WorkerId { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public DateTimeOffset? LastHeartbeatAt { get; init; }
    public DateTimeOffset? TimeoutAt { get; init; }
}

/// <summary>Why a task is not running, or what it is doing: its status, whether a claim could take it now, and every reason.</summary>
internal sealed record TaskExplanation(DurqTaskStatus Status, bool Runnable, IReadOnlyList<ExplainReason> Reasons);

/// <summary>What the store knows that bears on one task: its type's state, the type's claimed tasks, the tenant's workers, the tasks ahead of it.</summary>
/// <param name="Ahead">Claimable tasks of the type before it in claim order.</param>
/// <param name="ProbeRunning">Whether the type's breaker probe is still claimed.</param>
internal sealed record ExplainFacts(
    DurqTask Task, ActivityTypeState Type, int ClaimedOfType, IReadOnlyList<Worker> Workers, long Ahead, bool ProbeRunning, DateTimeOffset Now);

/// <summary>
/// The one place a task's reasons are decided, from the same rules the claim obeys (<see cref="ClaimQuota"/>): a task is
/// <c>runnable</c> when a claim of its type made now would take it, were a worker there to ask.
/// </summary>
internal static class TaskExplainer
{
    public static TaskExplanation Explain(ExplainFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var task = facts.Task;
        return task.Status switch
        {
            DurqTaskStatus.Pending => Pending(facts),
            DurqTaskStatus.Claimed => new(task.Status, false, Claimed(task)),
            _ => new(task.Status, false, [Terminal(task)]),
        };
    }

    private static TaskExplanation Pending(ExplainFacts facts)
    {
        var task = facts.Task;
        var blocking = new List<ExplainReason>();
        if (task.Options.ExpiresAt is { } expiry && expiry <= facts.Now)
        {
            blocking.Add(new("expired", $"No worker claimed the task by its expiry, {Rfc3339.Format(expiry)}: it is not claimed any more, and the reaper moves it to dead."));
        }

        if (task.VisibleAt > facts.Now)
        {
            blocking.Add(task.Attempt > 0
                ? new("in_backoff", $"Attempt {task.Attempt} failed; the retry waits for its backoff.", task.VisibleAt)
                : new("not_due", "The task was enqueued to run later.", task.VisibleAt));
        }

        blocking.AddRange(TypeLimits(facts));
        var reasons = new List<ExplainReason>(blocking);
        reasons.AddRange(WorkerReasons(facts));
        if (facts.Ahead > 0)
        {
            reasons.Add(new("queued_behind", $"{facts.Ahead} claimable tasks of {task.ActivityType} come before it in claim order.",
                Details: new ExplainDetails { Ahead = facts.Ahead }));
        }

        return new(task.Status, blocking.Count == 0, reasons);
    }

    private static IEnumerable<ExplainReason> TypeLimits(ExplainFacts facts)
    {
        var type = facts.Type;
        var settings = type.Settings;
        if (settings.Paused)
        {
            yield return new("activity_paused", $"{type.ActivityType} is paused: no node hands out its tasks until it is resumed.");
        }

        if (settings.MaxConcurrency is { } limit && facts.ClaimedOfType >= limit)
        {
            yield return new("concurrency_limit", $"{facts.ClaimedOfType} tasks of {type.ActivityType} are claimed; its max_concurrency is {limit}.",
                Details: new ExplainDetails { MaxConcurrency = limit, Claimed = facts.ClaimedOfType });
        }

        if (settings.RateLimit is { } rate && type.Bucket is { } bucket && bucket.ClaimsAllowed(rate, facts.Now) == 0)
        {
            yield return new("rate_limited", $"{type.ActivityType} has used its rate of {rate.PerSecond} claims a second.", bucket.NextTokenAt(rate, facts.Now));
        }

        if (type.Circuit.ClaimsAllowed(settings.Circuit, facts.Now, facts.ProbeRunning) == 0)
        {
            var message = type.Circuit.Forced ? $"The circuit breaker of {type.ActivityType} was forced open by an operator."
                : type.Circuit.State == CircuitState.HalfOpen ? $"The circuit breaker of {type.ActivityType} is half-open: one probe task runs first."
                : $"The circuit breaker of {type.ActivityType} is open after {type.Circuit.ConsecutiveFailures} failed attempts in a row.";
            yield return new("circuit_open", message, type.Circuit.ProbeDueAt(settings.Circuit));
        }
    }

    private static IEnumerable<ExplainReason> WorkerReasons(ExplainFacts facts)
    {
        var type = facts.Task.ActivityType;
        var serving = facts.Workers.Where(w => w.StatusAt(facts.Now) != WorkerStatus.Stopped && w.ActivityTypes.Contains(type, StringComparer.Ordinal)).ToList();
        var active = serving.Where(w => !w.Draining).ToList();
        if (serving.Count == 0)
        {
            yield return new("no_workers", $"No live worker is registered for {type}: start one, e.g. 'durq worker --activity-type {type} -- <program>'.");
        }
        else if (active.Count == 0)
        {
            yield return new("workers_draining", $"Every worker of {type} is draining ({serving.Count}); resume one to hand it tasks.");
        }
        else if (active.All(w => w.CurrentLoad >= w.MaxConcurrency))
        {
            yield return new("workers_busy", $"Every active worker of {type} runs as many tasks as it may ({active.Sum(w => w.MaxConcurrency)} in all).");
        }
    }

    private static List<ExplainReason> Claimed(DurqTask task)
    {
        var reasons = new List<ExplainReason>
        {
            new("claimed", $"Worker {task.ClaimedBy} runs attempt {task.Attempt}; its lease ends without a heartbeat.", task.LeaseExpiresAt,
                new ExplainDetails
                {
                    WorkerId = task.ClaimedBy, LeaseExpiresAt = task.LeaseExpiresAt, LastHeartbeatAt = task.LastHeartbeatAt, TimeoutAt = task.TimeoutAt,
                }),
        };
        if (task.CancelRequested)
        {
            reasons.Add(new("cancel_requested", "Its cancellation was asked for: the worker hears it at its next heartbeat."));
        }

        return reasons;
    }

    private static ExplainReason Terminal(DurqTask task) => task.Status switch
    {
        DurqTaskStatus.Completed => new("completed", "The task completed; it will not run again."),
        DurqTaskStatus.Dead => new("dead", "The task is in the dead-letter queue: retry it from there to run it again."),
        _ => new("cancelled", "The task was cancelled; it will not run."),
    };
}
