using System.Runtime.CompilerServices;
using Durq.Core.Errors;
using Durq.Core.FlowControl;
using Durq.Core.Keys;
using Durq.Core.Metrics;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Storage.Dialect;
using Durq.Storage.Writes;
using Durq.Storage.Writing;
using Microsoft.Extensions.Logging;

namespace Durq.Storage;

/// <summary>
/// The store, written once for every database: each use case is a <see cref="Write"/> of <c>Writes/</c> run by one
/// <see cref="GroupCommitWriter"/>, over the SQL operations of an <see cref="IStoreDialect"/>; reads go straight to
/// the dialect. It keeps the API keys too (<see cref="IApiKeyStore"/>). After each commit it raises <see cref="WorkCommitted"/> for the work the batch made claimable, and
/// <see cref="EventsCommitted"/> with what it changed, for the event stream.
/// </summary>
internal partial class TaskStore : ITaskStore, IApiKeyStore, ITaskEventSource, IAsyncDisposable
{
    private readonly IStoreDialect _dialect;
    private readonly ILogger _logger;
    private readonly StorageCondition _condition;
    private GroupCommitWriter? _writer;
    private int _disposeStarted;

    protected TaskStore(IStoreDialect dialect, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
        _logger = logger;
        _condition = new StorageCondition(dialect.Description, logger);
    }

    public string Description => _dialect.Description;

    public event EventHandler<WorkAvailable>? WorkCommitted;

    public event EventHandler<IReadOnlyList<StoreEvent>>? EventsCommitted;

    /// <summary>A store with one node hears no other node: nothing, until cancelled.</summary>
    public virtual async IAsyncEnumerable<IReadOnlyList<StoreEvent>> ListenForEventsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        yield break;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return;
        }

        await _dialect.MigrateAsync(cancellationToken);
        _writer = new GroupCommitWriter(_dialect, Announce, _condition, _logger);
        await ProbeAsync(cancellationToken);
    }

    /// <summary>
    /// Tries a write that changes nothing: one that is refused tells the storage condition (and so <c>/health</c>, and
    /// the log) of a fault such as read-only data from the start, before any caller's write meets it.
    /// </summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Writer.SubmitAsync(new ProbeWrite(cancellationToken));
        }
        catch (StoreUnavailableException)
        {
            // The writer has noted a storage fault; a passing outage leaves the condition as it stood.
        }
    }

    public async Task<StoreUnavailableException?> GetStorageFaultAsync(CancellationToken cancellationToken)
    {
        if (!_condition.ProbeCanClear)
        {
            return _condition.Fault;
        }

        await ProbeAsync(cancellationToken);
        return _condition.Fault;
    }

    public Task<EnqueueResult> EnqueueAsync(EnqueueParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new EnqueueWrite(request, cancellationToken));

    public Task<DurqTask> CancelTaskAsync(CancelTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CancelTaskWrite(request, cancellationToken));

    public Task<IReadOnlyList<DurqTask>> ClaimTasksAsync(ClaimParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ClaimTasksWrite(request, cancellationToken));

    public IClaimHandOff WaitForHandOff(ClaimParams request, Func<DateTimeOffset> clock, CancellationToken cancellationToken) =>
        Writer.HandOffs.Add(request, clock, cancellationToken);

    public Task<TaskLease> HeartbeatTaskAsync(HeartbeatTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new HeartbeatTaskWrite(request, cancellationToken));

    public Task<DurqTask> CompleteTaskAsync(CompleteTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CompleteTaskWrite(request, cancellationToken));

    public Task<IReadOnlyList<CompletionOutcome>> CompleteTasksAsync(CompleteTasksParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Nothing to complete needs no write, and should not wait for a place in the writer's queue.
        return request.Completions.Count == 0
            ? Task.FromResult<IReadOnlyList<CompletionOutcome>>([])
            : Writer.SubmitAsync(new CompleteTasksWrite(request, cancellationToken));
    }

    public Task<FailureDecision> FailTaskAsync(FailTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new FailTaskWrite(request, cancellationToken));

    public Task<IReadOnlyList<ReclaimedTask>> ReclaimExpiredAsync(ReclaimExpiredParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ReclaimExpiredWrite(request, cancellationToken));

    public Task<IReadOnlyList<ReclaimedTask>> ExpirePendingAsync(ExpirePendingParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ExpirePendingWrite(request, cancellationToken));

    public Task<DurqTask> RetryDeadTaskAsync(RetryDeadTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new RetryDeadTaskWrite(request, cancellationToken));

    public Task<int> RetryDeadTasksAsync(RetryDeadTasksParams request, CancellationToken cancellationToken) =>
        Slices.RepeatAsync(() => Writer.SubmitAsync(new RetryDeadTasksSliceWrite(request, cancellationToken)));

    public Task<int> PurgeDeadTasksAsync(PurgeDeadTasksParams request, CancellationToken cancellationToken) =>
        Slices.RepeatAsync(() => Writer.SubmitAsync(new PurgeDeadTasksSliceWrite(request, cancellationToken)));

    public Task DeleteTaskAsync(DeleteTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new DeleteTaskWrite(request, cancellationToken));

    public Task<PurgeResult> PurgeAsync(PurgeParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new PurgeWrite(request, cancellationToken));

    public Task<Worker> RegisterWorkerAsync(RegisterWorkerParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new RegisterWorkerWrite(request, cancellationToken));

    public Task<Worker> HeartbeatWorkerAsync(WorkerHeartbeatParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new HeartbeatWorkerWrite(request, cancellationToken));

    public Task<IReadOnlyList<ReclaimedTask>> DeregisterWorkerAsync(DeregisterWorkerParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new DeregisterWorkerWrite(request, cancellationToken));

    public Task<Worker> SetWorkerDrainingAsync(SetWorkerDrainingParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new SetWorkerDrainingWrite(request, cancellationToken));

    public async Task<WorkerPage> ListWorkersAsync(ListWorkersParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workers = await ReadAsync(_dialect.ListWorkersAsync(request with { Limit = request.Limit + 1 }, cancellationToken));
        return new WorkerPage(workers, TrimToPage(workers, request.Limit) ? workers[^1].Id : null);
    }

    public Task<WorkerTotals> SummarizeWorkersAsync(string tenant, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(_dialect.SummarizeWorkersAsync(tenant, Worker.StoppedBefore(now), cancellationToken));

    public Task<ActivityTypeState> SetActivityTypeAsync(SetActivityTypeParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new SetActivityTypeWrite(request, cancellationToken));

    public Task<ActivityTypeState> SetCircuitAsync(SetCircuitParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new SetCircuitWrite(request, cancellationToken));

    public async Task<IReadOnlyList<ActivityTypeSummary>> ListActivityTypesAsync(string tenant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(_dialect.ListActivityTypesAsync(tenant, cancellationToken));
        var counts = await ReadAsync(_dialect.CountTasksByTypeAsync(tenant, cancellationToken));
        var workers = await ReadAsync(AllWorkersAsync(tenant, cancellationToken));
        return ActivityTypeSummaries.Of(tenant, rows, counts, workers, now);
    }

    public async Task<TaskExplanation?> ExplainTaskAsync(string tenant, Guid taskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await GetTaskAsync(tenant, taskId, cancellationToken) is not { } task)
        {
            return null;
        }

        if (task.Status != DurqTaskStatus.Pending)
        {
            return TaskExplainer.Explain(new ExplainFacts(task, ActivityTypeState.Default(tenant, task.ActivityType, now), 0, [], 0, false, now));
        }

        var type = (await ReadAsync(_dialect.ListActivityTypesAsync(tenant, cancellationToken))).FirstOrDefault(t => t.ActivityType == task.ActivityType)
            ?? ActivityTypeState.Default(tenant, task.ActivityType, now);
        var (ahead, claimed) = await ReadAsync(_dialect.ExplainCountsAsync(task, now, cancellationToken));
        var probeRunning = type.Circuit.ProbeToCheck is { } probe
            && await GetTaskAsync(tenant, probe, cancellationToken) is { Status: DurqTaskStatus.Claimed };
        var workers = await ReadAsync(AllWorkersAsync(tenant, cancellationToken));
        return TaskExplainer.Explain(new ExplainFacts(task, type, claimed, workers, ahead, probeRunning, now));
    }

    /// <summary>Every worker of the tenant, page by page (a tenant's workers are capped, so they are few).</summary>
    private async Task<IReadOnlyList<Worker>> AllWorkersAsync(string tenant, CancellationToken cancellationToken)
    {
        const int PageSize = 500;
        var workers = new List<Worker>();
        string? after = null;
        while (true)
        {
            var page = await _dialect.ListWorkersAsync(new ListWorkersParams(tenant, PageSize, after), cancellationToken);
            workers.AddRange(page);
            if (page.Count < PageSize)
            {
                return workers;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Read first, outside the writer: the sweep runs on every reaper tick, and almost always finds no one.</summary>
    public async Task<IReadOnlyList<Worker>> NoteSilentWorkersAsync(NoteSilentWorkersParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var silent = await ReadAsync(_dialect.SelectSilentWorkersAsync(Worker.StoppedBefore(request.Now), request.MaxWorkers, cancellationToken));
        return silent.Count == 0 ? [] : await Writer.SubmitAsync(new NoteSilentWorkersWrite(silent, cancellationToken));
    }

    public Task<IReadOnlyList<string>> ListSampledTenantsAsync(CancellationToken cancellationToken) =>
        ReadAsync(_dialect.ListSampledTenantsAsync(cancellationToken));

    /// <summary>
    /// The gauges and totals are read before the write, outside the writer: counting a tenant's tasks must not hold up
    /// the batches behind it, and a sample a few milliseconds older than its write is as good a sample.
    /// </summary>
    public async Task<bool> RecordSampleAsync(RecordSampleParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stats = await GetStatsAsync(request.Tenant, cancellationToken);
        var totals = await ReadAsync(_dialect.GetCountersAsync(request.Tenant, cancellationToken));
        var workers = await SummarizeWorkersAsync(request.Tenant, request.Now, cancellationToken);
        long Total(string name) => totals.GetValueOrDefault(name);
        var sample = new MetricSample(
            request.Tenant, TimeSeries.BucketOf(request.Now), Total(Counters.EnqueuedTasks), Total(Counters.CompletedTasks),
            Total(Counters.FailedAttempts), Total(Counters.DeadTasks), stats.PendingTasks, stats.ClaimedTasks, stats.DeadTasks, workers.Active);
        return await Writer.SubmitAsync(new RecordSampleWrite(sample, TimeSeries.KeepSince(request.Now), cancellationToken));
    }

    public Task<IReadOnlyList<MetricSample>> ListSamplesAsync(string tenant, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync(_dialect.ListSamplesAsync(tenant, since, cancellationToken));

    public Task CreateApiKeyAsync(ApiKey key, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CreateApiKeyWrite(key, cancellationToken));

    public Task<ApiKey> RevokeApiKeyAsync(RevokeApiKeyParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new RevokeApiKeyWrite(request, cancellationToken));

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? tenant, CancellationToken cancellationToken) =>
        ReadAsync(_dialect.ListApiKeysAsync(tenant, cancellationToken));

    public Task<QueueStats> GetStatsAsync(string tenant, CancellationToken cancellationToken) =>
        ReadAsync(_dialect.GetStatsAsync(tenant, cancellationToken));

    public Task<DurqTask?> GetTaskAsync(string tenant, Guid taskId, CancellationToken cancellationToken) =>
        ReadAsync(_dialect.GetTaskAsync(tenant, taskId, cancellationToken));

    public async Task<TaskPage> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tasks = await ReadAsync(_dialect.ListTasksAsync(request with { Limit = request.Limit + 1 }, cancellationToken));
        return new TaskPage(tasks, TrimToPage(tasks, request.Limit) ? tasks[^1].Id : null);
    }

    /// <summary>
    /// Lists ask the dialect for one row more than the page holds: that row tells whether another page follows. Drops
    /// it, and answers whether there was one (the page's last row is then the next page's cursor).
    /// </summary>
    private static bool TrimToPage<T>(List<T> rows, int limit)
    {
        if (rows.Count <= limit)
        {
            return false;
        }

        rows.RemoveAt(rows.Count - 1);
        return true;
    }

    /// <summary>A read, its storage fault (a damaged page, say) answered as that fault and noted for <c>/health</c>.</summary>
    private async Task<T> ReadAsync<T>(Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (Exception error) when (_dialect.Fault(error) is { } fault)
        {
            _condition.Noticed(fault);
            throw fault;
        }
    }

    private GroupCommitWriter Writer => _writer ?? throw new InvalidOperationException("Call MigrateAsync before using the store.");

    private void Announce(BatchChanges changes)
    {
        foreach (var change in changes.Circuits)
        {
            CircuitLog.Committed(_logger, change);
        }

        if (WorkCommitted is { } handlers)
        {
            foreach (var work in changes.Work)
            {
                handlers(this, work);
            }
        }

        if (EventsCommitted is { } listeners && (changes.TaskEvents.Count > 0 || changes.Circuits.Count > 0))
        {
            listeners(this, changes.Events());
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A container may dispose the store under each name it is registered by: only the first call does the work.
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 1)
        {
            return;
        }

        await StopBeforeWriterAsync();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        await _dialect.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>What a store of one dialect stops before its writer does (e.g. listening for other nodes).</summary>
    protected virtual ValueTask StopBeforeWriterAsync() => ValueTask.CompletedTask;
}
