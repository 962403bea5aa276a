using System.Globalization;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>pending → claimed for the first visible tasks in claim order, each with a fresh lease, in one statement.</summary>
internal sealed class ClaimTasksCommand(ClaimParams request) : WriteCommand<IReadOnlyList<DurqTask>>
{
    protected override IReadOnlyList<DurqTask> Run(WriteContext context)
    {
        var command = ClaimStatement(context)
            .With("$tenant", request.Tenant).With("$worker_id", request.WorkerId).With("$now", request.Now)
            .With("$limit", request.MaxTasks);
        for (var i = 0; i < request.ActivityTypes.Count; i++)
        {
            command.With(TypeParameter(i), request.ActivityTypes[i]);
        }

        var claimed = command.ReadTasks();
        if (claimed.Count == 0)
        {
            return claimed;
        }

        claimed.Sort(ClaimOrder.Instance);
        context.AdjustPending(request.Tenant, -claimed.Count);
        context.AddToCounter(request.Tenant, Counters.StartedTasks, claimed.Count);
        return claimed;
    }

    // One statement per number of activity types, so each shape is prepared once and reused.
    private Microsoft.Data.Sqlite.SqliteCommand ClaimStatement(WriteContext context) =>
        context.Statement($"ClaimTasks:{request.ActivityTypes.Count}", () => SqlText.Query("ClaimTasks").Replace(
            "/*types*/",
            string.Join(", ", Enumerable.Range(0, request.ActivityTypes.Count).Select(TypeParameter)),
            StringComparison.Ordinal));

    private static string TypeParameter(int index) => "$type" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Priority descending, then visible_at, then id as text (UUIDv7: older first), as the index orders them.</summary>
    private sealed class ClaimOrder : IComparer<DurqTask>
    {
        public static readonly ClaimOrder Instance = new();

        public int Compare(DurqTask? x, DurqTask? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = y.Priority.CompareTo(x.Priority);
            if (order == 0)
            {
                order = x.VisibleAt.CompareTo(y.VisibleAt);
            }

            return order != 0 ? order : TaskIds.CompareAsText(x.Id, y.Id);
        }
    }
}
