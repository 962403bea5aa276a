using System.Collections.Concurrent;
using System.Text.Json;
using Durq.Contracts;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// The base of every conformance class: a fresh store per test, a fixed clock, and short helpers over <see cref="ITaskStore"/>.
/// A store joins the suite by subclassing each themed class and returning its <see cref="IStoreHarness"/>.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    private protected const string TenantA = "tenant-a";
    private protected const string TenantB = "tenant-b";
    private protected const string WorkerA = "worker-a";
    private protected const string WorkerB = "worker-b";

    /// <summary>A jitter draw of 0.5 adds nothing, so a retry delay is exactly <c>min(initial·coeff^(n−1), max)</c>.</summary>
    private protected const double NoJitter = 0.5;

    /// <summary>The time of every write unless a test says otherwise; stores keep whole milliseconds.</summary>
    private protected static readonly DateTimeOffset Now =
        Rfc3339.ToStoredPrecision(new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero));

    /// <summary>A retention cut-off before anything the tests write: rows of that kind are kept.</summary>
    private protected static readonly DateTimeOffset LongAgo = Now.AddYears(-10);

    private IStoreHarness? _harness;
    private ITaskStore? _store;

    private protected ITaskStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>Raised with each store the test opens (at start and after a restart), before the test uses it.</summary>
    private protected event Action<ITaskStore>? Opened;

    /// <summary>A harness around a fresh, empty database of the store under test.</summary>
    private protected abstract IStoreHarness CreateHarness();

    public async Task InitializeAsync()
    {
        _harness = CreateHarness();
        _store = await _harness.OpenAsync();
        Opened?.Invoke(_store);
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>Closes the store and opens a new one on the same data, as a server restart would.</summary>
    private protected async Task RestartStoreAsync()
    {
        var harness = _harness ?? throw new InvalidOperationException("The harness is not created.");
        await harness.CloseAsync(Store);
        _store = null;
        _store = await harness.OpenAsync();
        Opened?.Invoke(_store);
    }

    /// <summary>A valid task with default options; <paramref name="idTime"/> orders ids, as a later enqueue would.</summary>
    private protected static NewTask NewTask(
        string activityType = "email.send", string inputJson = "{}", DateTimeOffset? idTime = null,
        TaskOptions? options = null, string? traceparent = null) =>
        new(Guid.CreateVersion7(idTime ?? Now), activityType, inputJson, options ?? DefaultOptions, traceparent);

    private protected static TaskOptions DefaultOptions { get; } = new(
        TaskOptions.DefaultMaxAttempts, TaskOptions.DefaultPriority, 0, Now,
        TaskOptions.DefaultTimeoutSeconds, TaskOptions.DefaultHeartbeatTimeoutSeconds, RetryPolicy.Default);

    /// <summary>Tasks whose ids grow in the order given, one millisecond apart.</summary>
    private protected static NewTask[] NewTasks(int count, string activityType = "email.send") =>
        [.. Enumerable.Range(0, count).Select(i => NewTask(activityType, $"{{\"n\":{i}}}", Now.AddMilliseconds(i)))];

    private protected Task<EnqueueResult> EnqueueAsync(params NewTask[] tasks) => EnqueueForAsync(TenantA, tasks);

    private protected Task<EnqueueResult> EnqueueForAsync(string tenant, params NewTask[] tasks) =>
        Store.EnqueueAsync(new EnqueueParams(tenant, tasks, null, 0, Now), CancellationToken.None);

    private protected Task<EnqueueResult> EnqueueCappedAsync(long maxPending, params NewTask[] tasks) =>
        Store.EnqueueAsync(new EnqueueParams(TenantA, tasks, null, maxPending, Now), CancellationToken.None);

    private protected Task<EnqueueResult> EnqueueWithKeyAsync(string key, string fingerprint, params NewTask[] tasks) =>
        Store.EnqueueAsync(new EnqueueParams(TenantA, tasks, new IdempotencyKey(key, fingerprint), 0, Now), CancellationToken.None);

    private protected Task<DurqTask?> GetAsync(Guid id, string tenant = TenantA) =>
        Store.GetTaskAsync(tenant, id, CancellationToken.None);

    private protected Task<TaskPage> ListAsync(
        DurqTaskStatus? status = null, string? activityType = null, int limit = 100, Guid? cursor = null,
        string tenant = TenantA) =>
        Store.ListTasksAsync(new ListTasksParams(tenant, status, activityType, limit, cursor), CancellationToken.None);

    /// <summary>Every id the list shows, following cursors page by page.</summary>
    private protected async Task<List<Guid>> ListAllIdsAsync(DurqTaskStatus? status = null, string tenant = TenantA, int limit = 500)
    {
        var ids = new List<Guid>();
        Guid? cursor = null;
        do
        {
            var page = await ListAsync(status, limit: limit, cursor: cursor, tenant: tenant);
            ids.AddRange(page.Tasks.Select(t => t.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }

    private protected Task<DurqTask> CancelAsync(Guid id, string tenant = TenantA, DateTimeOffset? at = null) =>
        Store.CancelTaskAsync(new CancelTaskParams(tenant, id, at ?? Now), CancellationToken.None);

    /// <summary>
    /// Runs <paramref name="claimers"/> claimers at once until the queue is empty: each claims a random number of tasks
    /// below <paramref name="maxClaim"/> and hands them to <paramref name="finish"/> with its worker id. Asserts that no
    /// task is ever handed to two claimers, and returns which claimer got each task.
    /// </summary>
    private protected async Task<ConcurrentDictionary<Guid, string>> RunClaimersAsync(
        int claimers, int maxClaim, Func<string, IReadOnlyList<DurqTask>, Task> finish)
    {
        var owners = new ConcurrentDictionary<Guid, string>();
        await Task.WhenAll(Enumerable.Range(0, claimers).Select(n => Task.Run(async () =>
        {
            var workerId = $"worker-{n}";
            var random = new Random(n);
            while (true)
            {
                var claimed = await ClaimAsync(random.Next(1, maxClaim), workerId: workerId);
                if (claimed.Count == 0)
                {
                    return;
                }

                foreach (var task in claimed)
                {
                    Assert.True(owners.TryAdd(task.Id, workerId), $"Task {task.Id} was handed to two claimers.");
                }

                await finish(workerId, claimed);
            }
        })));
        return owners;
    }

    /// <summary>Claims up to <paramref name="maxTasks"/> tasks; by default <c>email.send</c> tasks of tenant A for worker A at <see cref="Now"/>.</summary>
    private protected Task<IReadOnlyList<DurqTask>> ClaimAsync(
        int maxTasks = 100, DateTimeOffset? at = null, string workerId = WorkerA, string tenant = TenantA,
        IReadOnlyList<string>? activityTypes = null) =>
        Store.ClaimTasksAsync(
            new ClaimParams(tenant, workerId, activityTypes ?? ["email.send"], maxTasks, at ?? Now), CancellationToken.None);

    /// <summary>Claims one task and asserts that there was one to claim.</summary>
    private protected async Task<DurqTask> ClaimOneAsync(DateTimeOffset? at = null, string workerId = WorkerA, string tenant = TenantA) =>
        Assert.Single(await ClaimAsync(1, at, workerId, tenant));

    /// <summary>The lease a claimed task was handed out with.</summary>
    private protected static Guid LeaseOf(DurqTask claimed) =>
        claimed.LeaseId ?? throw new InvalidOperationException($"Task {claimed.Id} holds no lease.");

    /// <summary>Heartbeats under the lease <paramref name="claimed"/> carries (use <c>with</c> to present another).</summary>
    private protected Task<TaskLease> HeartbeatAsync(DurqTask claimed, DateTimeOffset? at = null, string? detailsJson = null) =>
        Store.HeartbeatTaskAsync(
            new HeartbeatTaskParams(claimed.Tenant, claimed.Id, LeaseOf(claimed), detailsJson, at ?? Now), CancellationToken.None);

    private protected Task<DurqTask> CompleteAsync(DurqTask claimed, string? resultJson = "{}", DateTimeOffset? at = null) =>
        Store.CompleteTaskAsync(
            new CompleteTaskParams(claimed.Tenant, claimed.Id, LeaseOf(claimed), resultJson, at ?? Now), CancellationToken.None);

    private protected Task<FailureDecision> FailAsync(
        DurqTask claimed, string? errorType = "boom", string message = "It broke.", bool retryable = true,
        DateTimeOffset? at = null, double jitterDraw = NoJitter) =>
        Store.FailTaskAsync(
            new FailTaskParams(claimed.Tenant, claimed.Id, LeaseOf(claimed), errorType, message, retryable, at ?? Now, jitterDraw),
            CancellationToken.None);

    /// <summary>Runs the reaper at <paramref name="at"/>, every jitter draw being <paramref name="jitterDraw"/>.</summary>
    private protected Task<IReadOnlyList<ReclaimedTask>> ReclaimAsync(DateTimeOffset at, int maxTasks = 1000, double jitterDraw = NoJitter) =>
        Store.ReclaimExpiredAsync(new ReclaimExpiredParams(at, maxTasks, () => jitterDraw), CancellationToken.None);

    /// <summary>Registers a worker; <paramref name="maxWorkers"/> is the tenant's cap (0, the default, for none).</summary>
    private protected Task<Worker> RegisterWorkerAsync(
        string workerId = WorkerA, string tenant = TenantA, DateTimeOffset? at = null, IReadOnlyList<string>? activityTypes = null,
        int maxConcurrency = 4, int maxWorkers = 0) =>
        Store.RegisterWorkerAsync(
            new RegisterWorkerParams(tenant, workerId, activityTypes ?? ["email.send"], maxConcurrency, null, null, null, at ?? Now, maxWorkers),
            CancellationToken.None);

    private protected Task<Worker> HeartbeatWorkerAsync(string workerId, int currentLoad, DateTimeOffset at, string tenant = TenantA) =>
        Store.HeartbeatWorkerAsync(new WorkerHeartbeatParams(tenant, workerId, currentLoad, at), CancellationToken.None);

    private protected Task<Worker> SetDrainingAsync(string workerId, bool draining, string tenant = TenantA, DateTimeOffset? at = null) =>
        Store.SetWorkerDrainingAsync(new SetWorkerDrainingParams(tenant, workerId, draining, at ?? Now), CancellationToken.None);

    private protected Task<IReadOnlyList<ReclaimedTask>> DeregisterAsync(string workerId, string tenant = TenantA, DateTimeOffset? at = null) =>
        Store.DeregisterWorkerAsync(new DeregisterWorkerParams(tenant, workerId, at ?? Now), CancellationToken.None);

    /// <summary>The tenant's workers on one page of the largest size, in id order.</summary>
    private protected async Task<IReadOnlyList<Worker>> ListWorkersAsync(string tenant = TenantA) =>
        (await ListWorkerPageAsync(limit: 500, tenant: tenant)).Workers;

    private protected Task<WorkerPage> ListWorkerPageAsync(int limit = 100, string? after = null, string tenant = TenantA) =>
        Store.ListWorkersAsync(new ListWorkersParams(tenant, limit, after), CancellationToken.None);

    private protected Task<WorkerTotals> SummarizeWorkersAsync(DateTimeOffset at, string tenant = TenantA) =>
        Store.SummarizeWorkersAsync(tenant, at, CancellationToken.None);

    /// <summary>One retention pass; each kind of row left unnamed is kept (its cut-off is <see cref="LongAgo"/>).</summary>
    private protected Task<PurgeResult> PurgeAsync(
        DateTimeOffset? finishedBefore = null, DateTimeOffset? deadBefore = null, DateTimeOffset? keysBefore = null,
        DateTimeOffset? workersBefore = null, int batchSize = 1000) =>
        Store.PurgeAsync(
            new PurgeParams(finishedBefore ?? LongAgo, deadBefore ?? LongAgo, keysBefore ?? LongAgo, workersBefore ?? LongAgo, batchSize),
            CancellationToken.None);

    private protected Task<QueueStats> StatsAsync(string tenant = TenantA) => Store.GetStatsAsync(tenant, CancellationToken.None);

    /// <summary>The task's <c>errors</c> history, oldest first; empty when it has none.</summary>
    private protected static IReadOnlyList<TaskErrorResource> ErrorsOf(DurqTask? task) =>
        task?.ErrorsJson is { } json ? JsonSerializer.Deserialize(json, DurqJson.Context.IReadOnlyListTaskErrorResource) ?? [] : [];

    private protected static TaskErrorResource? LastErrorOf(DurqTask? task) =>
        task?.LastErrorJson is { } json ? JsonSerializer.Deserialize(json, DurqJson.Context.TaskErrorResource) : null;

    /// <summary>Asserts that no lease is left on the task: nobody holds it and nothing can time it out.</summary>
    private protected static void AssertNoLease(DurqTask? task)
    {
        Assert.NotNull(task);
        Assert.Null(task.ClaimedBy);
        Assert.Null(task.ClaimedAt);
        Assert.Null(task.LeaseId);
        Assert.Null(task.LeaseExpiresAt);
        Assert.Null(task.TimeoutAt);
    }

    /// <summary>Compares every member of two reads of a task (options member by member).</summary>
    private protected static void AssertSameTask(DurqTask expected, DurqTask? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Options = DefaultOptions }, actual with { Options = DefaultOptions });
        AssertSameOptions(expected.Options, actual.Options);
    }

    /// <summary>Compares options member by member (the retry list has no value equality).</summary>
    private protected static void AssertSameOptions(TaskOptions expected, TaskOptions actual)
    {
        Assert.Equal(expected with { Retry = RetryPolicy.Default }, actual with { Retry = RetryPolicy.Default });
        Assert.Equal(expected.Retry with { NonRetryableErrorTypes = [] }, actual.Retry with { NonRetryableErrorTypes = [] });
        Assert.Equal(expected.Retry.NonRetryableErrorTypes, actual.Retry.NonRetryableErrorTypes);
    }
}
