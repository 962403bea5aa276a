using Durq.Core.Errors;
using Durq.Core.FlowControl;
using Durq.Core.Keys;
using Durq.Core.Metrics;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Storage.Dialect;

/// <summary>
/// One database's side of a store: its connections, its SQL and its row readers. It makes no decision of a use case
/// (which state a task moves to, what is refused, what is counted): those are written once, in <c>Writes/</c>.
/// </summary>
internal interface IStoreDialect : IAsyncDisposable
{
    /// <summary>Where the data lives, for the start-up log.</summary>
    string Description { get; }

    /// <summary>The most writes one transaction of the writer gathers.</summary>
    int MaxWriteBatch { get; }

    /// <summary>
    /// Whether the writer runs on a thread of its own, synchronously (SQLite: its calls block, a commit on fsync, and
    /// should not hold thread-pool threads), rather than as an asynchronous loop (PostgreSQL: every call is I/O). Either
    /// way a write that finds the writer idle runs on its caller's flow (GroupCommitWriter.TryRunAlone): on SQLite that
    /// holds one thread-pool thread for one commit, and only while writes come one at a time.
    /// </summary>
    bool WriterNeedsOwnThread { get; }

    /// <summary>What a caller is told when a whole batch failed to commit, before what that caller's write may safely do.</summary>
    string BatchFailedDetail { get; }

    /// <summary>
    /// The fault of the storage itself (<see cref="StorageFaults"/>: read-only, full, corrupt) that <paramref name="error"/>
    /// means, or <c>null</c> for any other error.
    /// </summary>
    StoreUnavailableException? Fault(Exception error);

    /// <summary>Creates the schema or brings it up to date. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The writer's connection: opened here, kept until it is found broken (<see cref="IWriteSession.IsBroken"/>).</summary>
    ValueTask<IWriteSession> ConnectWriterAsync();

    Task<DurqTask?> GetTaskAsync(string tenant, Guid taskId, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="ListTasksParams.Limit"/> tasks, newest first, older than the cursor if there is one.</summary>
    Task<List<DurqTask>> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken);

    Task<QueueStats> GetStatsAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="ListWorkersParams.Limit"/> of the tenant's workers in id order, after the cursor if there is one.</summary>
    Task<List<Worker>> ListWorkersAsync(ListWorkersParams request, CancellationToken cancellationToken);

    /// <summary>The tenant's workers counted by status, those silent since before <paramref name="stoppedBefore"/> as stopped.</summary>
    Task<WorkerTotals> SummarizeWorkersAsync(string tenant, DateTimeOffset stoppedBefore, CancellationToken cancellationToken);

    /// <summary>The tenant's stored activity type rows, by name.</summary>
    Task<IReadOnlyList<ActivityTypeState>> ListActivityTypesAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>The tenant's pending, claimed and dead tasks counted by activity type and status.</summary>
    Task<IReadOnlyList<TypeStatusCount>> CountTasksByTypeAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>For a task: the claimable tasks of its type before it in claim order, and its type's claimed tasks.</summary>
    Task<(long Ahead, int Claimed)> ExplainCountsAsync(DurqTask task, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Schedule?> GetScheduleAsync(string tenant, Guid scheduleId, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="ListSchedulesParams.Limit"/> of the tenant's schedules in id order, after the cursor if there is one.</summary>
    Task<List<Schedule>> ListSchedulesAsync(ListSchedulesParams request, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="ListExecutionsParams.Limit"/> executions of the schedule, newest first, before the cursor if there is one.</summary>
    Task<List<ScheduleExecution>> ListScheduleExecutionsAsync(ListExecutionsParams request, CancellationToken cancellationToken);

    /// <summary>Schedules of every tenant with a fire time at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<DueSchedule>> DueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest fire time of every schedule of every tenant, or null.</summary>
    Task<DateTimeOffset?> NextScheduleFireAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> workers of any tenant silent since before <paramref name="stoppedBefore"/> whose silence is not marked, longest silent first.</summary>
    Task<IReadOnlyList<Worker>> SelectSilentWorkersAsync(DateTimeOffset stoppedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>The tenant's cumulative totals (<see cref="Writing.Counters"/>) by name; a total never added to is missing.</summary>
    Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Every tenant that has a total or a registered worker, by name.</summary>
    Task<IReadOnlyList<string>> ListSampledTenantsAsync(CancellationToken cancellationToken);

    /// <summary>The tenant's time-series samples of buckets starting at or after <paramref name="since"/>, in bucket order.</summary>
    Task<IReadOnlyList<MetricSample>> ListSamplesAsync(string tenant, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The tenant's keys, or every tenant's when <paramref name="tenant"/> is null, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? tenant, CancellationToken cancellationToken);
}

/// <summary>One group of a count by activity type and status, with the oldest task's creation time in it.</summary>
internal sealed record TypeStatusCount(string ActivityType, DurqTaskStatus Status, long Count, DateTimeOffset? OldestCreatedAt);
