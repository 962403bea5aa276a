using Durq.Core.FlowControl;
using Durq.Core.Tasks;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// What a finished attempt does to its activity type's state: a success or a failure moves the breaker, and a task of a
/// concurrency-limited type that leaves <c>claimed</c> frees a place, so that type's waiting claimers are woken.
/// </summary>
internal static class TypeOutcomes
{
    /// <summary>After tasks of the tenant completed: <paramref name="activityTypes"/> are their types, each once.</summary>
    public static async ValueTask SucceededAsync(WriteContext context, string tenant, IReadOnlyList<string> activityTypes, DateTimeOffset now)
    {
        if (activityTypes.Count == 0)
        {
            return;
        }

        foreach (var type in await context.Sql.LockActivityTypesAsync(tenant, activityTypes))
        {
            await ApplyAsync(context, type, type.Circuit.AfterSuccess(now), now);
        }
    }

    /// <summary>
    /// After one failed attempt (reported, or a lease or a run that ran out). An attempt that ended because its
    /// cancellation was asked for says nothing about the type's health: it frees its place but leaves the breaker.
    /// </summary>
    public static async ValueTask FailedAsync(WriteContext context, DurqTask task, bool cancelled, DateTimeOffset now)
    {
        foreach (var type in await context.Sql.GetActivityTypesAsync(task.Tenant, [task.ActivityType]))
        {
            await ApplyAsync(context, type, cancelled ? type.Circuit : type.Circuit.AfterFailure(type.Settings.Circuit, now), now);
        }
    }

    private static async ValueTask ApplyAsync(WriteContext context, ActivityTypeState type, Circuit circuit, DateTimeOffset now)
    {
        if (type.Settings.MaxConcurrency is not null)
        {
            context.Announce(type.Tenant, type.ActivityType, null, now);
        }

        if (circuit != type.Circuit)
        {
            await context.SaveActivityTypeAsync(type, type with { Circuit = circuit });
        }
    }
}
