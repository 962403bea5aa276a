using System.Globalization;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>
/// The reaper's write: every claimed task whose lease ran out or whose run passed its timeout counts as a failed
/// attempt (<c>lease_expired</c> / <c>timeout</c>) and moves on as any failure would. Safe when every node runs it at
/// once: the tasks are taken with SKIP LOCKED and each is failed only while it is still claimed under the same lease.
/// </summary>
internal sealed class ReclaimExpiredCommand(ReclaimExpiredParams request) : WriteCommand<IReadOnlyList<ReclaimedTask>>
{
    private List<string> _tenants = [];

    /// <summary>It fails several tasks one by one; a refusal after the first would leave the others written.</summary>
    public override bool MayRefuseAfterWriting => true;

    /// <summary>The tenants of the expired tasks, read before the batch locks anything (a retry may add pending tasks).</summary>
    public override async ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context)
    {
        var command = context.Statement("SelectExpiredTenants").With("now", request.Now).With("limit", request.MaxTasks);
        var tenants = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tenants.Add(reader.GetString(0));
            }
        }

        _tenants = tenants;
        return tenants;
    }

    protected override async Task<IReadOnlyList<ReclaimedTask>> RunAsync(WriteContext context)
    {
        if (_tenants.Count == 0)
        {
            return [];
        }

        var expired = await TaskRows.ReadAllAsync(context.Statement("SelectExpiredLeases")
            .With("now", request.Now).With("limit", request.MaxTasks).With<string[]>("tenants", [.. _tenants]));
        var reclaimed = new List<ReclaimedTask>(expired.Count);
        foreach (var task in expired)
        {
            var decision = await FailureRecorder.RecordAsync(context, task, ErrorFor(task), retryable: true, request.Now, request.JitterDraw());
            reclaimed.Add(new ReclaimedTask(task.Tenant, task.Id, task.ActivityType, decision.Status, decision.NextVisibleAt));
        }

        return reclaimed;
    }

    private TaskError ErrorFor(DurqTask task)
    {
        var at = request.Now;
        return task.TimeoutAt <= at
            ? TaskError.Create(task.Attempt, TaskError.TimeoutType,
                $"The run passed its timeout of {task.Options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s.", at)
            : TaskError.Create(task.Attempt, TaskError.LeaseExpiredType,
                $"The lease expired at {Rfc3339.Format(task.LeaseExpiresAt!.Value)} without a heartbeat from {task.ClaimedBy}.", at);
    }
}
