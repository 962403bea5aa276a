using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Server.Queueing;

/// <summary>The caller's tenant's activity types: their settings, breakers and live counts, on the node's clock.</summary>
internal sealed class ActivityTypeService(ITaskStore store, RequestTenant tenant, TimeProvider time)
{
    public DateTimeOffset Now => Rfc3339.ToStoredPrecision(time.GetUtcNow());

    public string Tenant => tenant.Current;

    public Task<IReadOnlyList<ActivityTypeSummary>> ListAsync(CancellationToken cancellationToken) =>
        store.ListActivityTypesAsync(tenant.Current, Now, cancellationToken);

    /// <summary>One type's summary; a type nothing knows of yet shows no tasks and no settings.</summary>
    public async Task<ActivityTypeSummary> GetAsync(string activityType, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(t => t.State.ActivityType == activityType)
        ?? new ActivityTypeSummary(ActivityTypeState.Default(tenant.Current, activityType, Now), 0, 0, 0, null, 0);

    public async Task<ActivityTypeSummary> SetAsync(SetActivityTypeParams request, CancellationToken cancellationToken)
    {
        await store.SetActivityTypeAsync(request, cancellationToken);
        return await GetAsync(request.ActivityType, cancellationToken);
    }

    public Task<ActivityTypeState> SetCircuitAsync(string activityType, CircuitCommand command, CancellationToken cancellationToken) =>
        store.SetCircuitAsync(new SetCircuitParams(tenant.Current, activityType, command, Now), cancellationToken);
}
