using Durq.Core.Errors;
using Durq.Core.Tasks;

namespace Durq.Storage.Postgres.Writing;

/// <summary>Tells apart a report for a task that does not exist (404) from one whose lease is gone (409).</summary>
internal static class LeaseChecks
{
    public static async Task<DurqException> RefusalAsync(WriteContext context, string tenant, Guid taskId) =>
        await TaskRows.GetAsync(context.Statement("GetTask"), tenant, taskId) is null
            ? new NotFoundException("task", TaskIds.Format(taskId))
            : new LeaseLostException(taskId);
}
