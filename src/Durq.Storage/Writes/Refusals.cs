using Durq.Core.Errors;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// Why a write that changed no row was refused, looked up only then: the task does not exist (404), or it exists in a
/// state the write cannot act on (a lost lease, not cancellable, not dead).
/// </summary>
internal static class Refusals
{
    /// <summary>
    /// A report under a lease that is gone (409 <c>lease_lost</c>, saying what ended the lease) or for a task that does
    /// not exist.
    /// </summary>
    public static ValueTask<DurqException> LeaseAsync(WriteContext context, string tenant, Guid taskId, Guid leaseId, DateTimeOffset now) =>
        StateAsync(context, tenant, taskId, task => new LeaseLostException(task.Id, LeaseLoss.Explain(task, leaseId, now)));

    /// <summary>Not found, or the refusal <paramref name="refusal"/> makes of the task as it is now.</summary>
    public static async ValueTask<DurqException> StateAsync(
        WriteContext context, string tenant, Guid taskId, Func<DurqTask, DurqException> refusal) =>
        await context.Sql.GetTaskAsync(tenant, taskId) is { } task
            ? refusal(task)
            : new NotFoundException("task", TaskIds.Format(taskId));
}
