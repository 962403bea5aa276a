using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>What a worker may do when a report under its lease was not confirmed.</summary>
internal static class LeaseReports
{
    public static string IfUnconfirmed(string report) =>
        $"Sending the {report} again with the same lease is safe: if the first one was stored, the repeat answers 409 lease_lost and changes nothing.";
}

/// <summary>Renews a live lease and reports whether cancellation was requested.</summary>
internal sealed class HeartbeatTaskWrite(HeartbeatTaskParams request, CancellationToken cancellationToken)
    : Write<TaskLease>(cancellationToken)
{
    public override bool RunsAloneWhenIdle => true;

    public override string IfUnconfirmed => "Sending the heartbeat again with the same lease is safe.";

    /// <summary>A lost renewal only moves the lease's expiry back to the previous heartbeat's.</summary>
    public override bool NeedsDurableCommit => false;

    protected override async ValueTask<TaskLease> RunAsync(WriteContext context) =>
        await context.Sql.HeartbeatTaskAsync(request) ?? throw await Refusals.LeaseAsync(context, request.Tenant, request.TaskId, request.LeaseId, request.Now);
}

/// <summary>claimed → completed under a live lease, keeping the worker's result.</summary>
internal sealed class CompleteTaskWrite(CompleteTaskParams request, CancellationToken cancellationToken)
    : Write<DurqTask>(cancellationToken)
{
    public override bool RunsAloneWhenIdle => true;

    public override string IfUnconfirmed => LeaseReports.IfUnconfirmed("completion");

    protected override async ValueTask<DurqTask> RunAsync(WriteContext context)
    {
        var completed = await context.Sql.CompleteTaskAsync(request)
            ?? throw await Refusals.LeaseAsync(context, request.Tenant, request.TaskId, request.LeaseId, request.Now);
        context.AddToCounter(request.Tenant, Counters.CompletedTasks, 1);
        context.TaskChanged(request.Tenant, completed.Id, completed.ActivityType, StoreEventKinds.Completed);
        await TypeOutcomes.SucceededAsync(context, request.Tenant, [completed.ActivityType], request.Now);
        return completed;
    }
}

/// <summary>A worker's report that its attempt failed, under a live lease.</summary>
internal sealed class FailTaskWrite(FailTaskParams request, CancellationToken cancellationToken)
    : Write<FailureDecision>(cancellationToken)
{
    public override bool RunsAloneWhenIdle => true;

    public override string IfUnconfirmed => LeaseReports.IfUnconfirmed("failure");

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<FailureDecision> RunAsync(WriteContext context)
    {
        var task = await context.Sql.GetLeasedTaskAsync(request.Tenant, request.TaskId, request.LeaseId, request.Now)
            ?? throw await Refusals.LeaseAsync(context, request.Tenant, request.TaskId, request.LeaseId, request.Now);
        var error = TaskError.Create(task.Attempt, request.ErrorType, request.Message, request.Now);
        return await FailedAttempt.RecordAsync(context, task, error, request.Retryable, request.Now, request.JitterDraw);
    }
}
