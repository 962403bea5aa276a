using System.Globalization;
using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>pending → claimed for the first visible tasks in claim order, each with a fresh lease.</summary>
internal sealed class ClaimTasksCommand(ClaimParams request) : WriteCommand<IReadOnlyList<DurqTask>>
{
    protected override IReadOnlyList<DurqTask> Run(WriteContext context)
    {
        if (IsDraining(context))
        {
            return [];
        }

        var claimed = new List<DurqTask>(request.MaxTasks);
        foreach (var id in SelectClaimable(context))
        {
            var command = context.Statement("ClaimTask")
                .With("$id", id).With("$worker_id", request.WorkerId).With("$now", request.Now)
                .With("$lease_id", Guid.CreateVersion7(request.Now));
            claimed.AddRange(command.ReadTasks());
        }

        if (claimed.Count > 0)
        {
            context.AdjustPending(request.Tenant, -claimed.Count);
            context.AddToCounter(request.Tenant, Counters.StartedTasks, claimed.Count);
        }

        return claimed;
    }

    private bool IsDraining(WriteContext context)
    {
        var command = context.Statement("GetWorker").With("$tenant", request.Tenant).With("$id", request.WorkerId);
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt64(reader.GetOrdinal("draining")) != 0;
    }

    private List<string> SelectClaimable(WriteContext context)
    {
        // One statement per number of activity types, so each shape is prepared once and reused.
        var name = $"SelectClaimable:{request.ActivityTypes.Count}";
        var command = context.Statement(name, () => SqlText.Query("SelectClaimable").Replace(
            "/*types*/",
            string.Join(", ", Enumerable.Range(0, request.ActivityTypes.Count).Select(i => "$type" + i.ToString(CultureInfo.InvariantCulture))),
            StringComparison.Ordinal));
        command.With("$tenant", request.Tenant).With("$now", request.Now).With("$limit", request.MaxTasks);
        for (var i = 0; i < request.ActivityTypes.Count; i++)
        {
            command.With("$type" + i.ToString(CultureInfo.InvariantCulture), request.ActivityTypes[i]);
        }

        using var reader = command.ExecuteReader();
        var ids = new List<string>(request.MaxTasks);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
