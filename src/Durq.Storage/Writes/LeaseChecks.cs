using Durq.Core.Errors;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Tells apart a report for a task that does not exist (404) from one whose lease is gone (409).</summary>
internal static class LeaseChecks
{
    public static async ValueTask<DurqException> RefusalAsync(WriteContext context, string tenant, Guid taskId) =>
        await context.Sql.GetTaskAsync(tenant, taskId) is null
            ? new NotFoundException("task", TaskIds.Format(taskId))
            : new LeaseLostException(taskId);
}
