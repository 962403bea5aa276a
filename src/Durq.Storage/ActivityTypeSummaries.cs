using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Storage.Dialect;

namespace Durq.Storage;

/// <summary>
/// Joins what <c>GET /activity-types</c> shows of each type: its stored row (or the defaults), its task counts by state
/// and the live workers registered for it. A type is listed when any of the three knows it.
/// </summary>
internal static class ActivityTypeSummaries
{
    public static IReadOnlyList<ActivityTypeSummary> Of(
        string tenant, IReadOnlyList<ActivityTypeState> rows, IReadOnlyList<TypeStatusCount> counts, IReadOnlyList<Worker> workers,
        DateTimeOffset now)
    {
        var live = workers.Where(w => w.StatusAt(now) != WorkerStatus.Stopped).ToList();
        var names = rows.Select(r => r.ActivityType)
            .Concat(counts.Select(c => c.ActivityType))
            .Concat(live.SelectMany(w => w.ActivityTypes))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return [.. names.Select(name => new ActivityTypeSummary(
            rows.FirstOrDefault(r => r.ActivityType == name) ?? ActivityTypeState.Default(tenant, name, now),
            Count(counts, name, DurqTaskStatus.Pending),
            Count(counts, name, DurqTaskStatus.Claimed),
            Count(counts, name, DurqTaskStatus.Dead),
            counts.FirstOrDefault(c => c.ActivityType == name && c.Status == DurqTaskStatus.Pending)?.OldestCreatedAt,
            live.Count(w => w.ActivityTypes.Contains(name, StringComparer.Ordinal))))];
    }

    private static long Count(IReadOnlyList<TypeStatusCount> counts, string name, DurqTaskStatus status) =>
        counts.FirstOrDefault(c => c.ActivityType == name && c.Status == status)?.Count ?? 0;
}
