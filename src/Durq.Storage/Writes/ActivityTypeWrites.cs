using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Changes an activity type's settings; a type without a row starts from none set.</summary>
internal sealed class SetActivityTypeWrite(SetActivityTypeParams request, CancellationToken cancellationToken)
    : Write<ActivityTypeState>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending the same settings again is safe: they replace what is set.";

    // Settings change what the tenant's claims may take: on a dialect shared by nodes they take the same lock claims do.
    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<ActivityTypeState> RunAsync(WriteContext context)
    {
        var current = await ActivityTypeRow.ReadAsync(context, request.Tenant, request.ActivityType, request.Now);
        var updated = current.WithSettings(request.ApplyTo(current.Settings), request.Now);
        await context.SaveActivityTypeAsync(current, updated);
        // A type paused or limited until now may claim again.
        context.Announce(request.Tenant, request.ActivityType, null, request.Now);
        return updated;
    }
}

/// <summary>An operator forces a breaker open or closed, or removes it.</summary>
internal sealed class SetCircuitWrite(SetCircuitParams request, CancellationToken cancellationToken)
    : Write<ActivityTypeState>(cancellationToken)
{
    public override string IfUnconfirmed => "Sending the same command again is safe.";

    public override ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context) => Only(request.Tenant);

    protected override async ValueTask<ActivityTypeState> RunAsync(WriteContext context)
    {
        var current = await ActivityTypeRow.ReadAsync(context, request.Tenant, request.ActivityType, request.Now);
        var updated = request.Command switch
        {
            CircuitCommand.ForceOpen => current with { Circuit = current.Circuit.ForcedOpen(request.Now), UpdatedAt = request.Now },
            CircuitCommand.Close => current with { Circuit = current.Circuit.ForcedClosed(request.Now), UpdatedAt = request.Now },
            _ => current.WithSettings(current.Settings with { Circuit = null }, request.Now) with { Circuit = current.Circuit.ForcedClosed(request.Now) },
        };
        await context.SaveActivityTypeAsync(current, updated);
        context.Announce(request.Tenant, request.ActivityType, null, request.Now);
        return updated;
    }
}

/// <summary>An activity type's stored row, or the defaults of a type that has none.</summary>
internal static class ActivityTypeRow
{
    public static async ValueTask<ActivityTypeState> ReadAsync(WriteContext context, string tenant, string activityType, DateTimeOffset now) =>
        (await context.Sql.GetActivityTypesAsync(tenant, [activityType])).SingleOrDefault()
        ?? ActivityTypeState.Default(tenant, activityType, now);
}
