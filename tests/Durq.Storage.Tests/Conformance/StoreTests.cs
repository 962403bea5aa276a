using Durq.Core.Storage;
using Durq.Core.Tasks;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// The base of every conformance class: a fresh store per test, a fixed clock, and short helpers over <see cref="ITaskStore"/>.
/// A store joins the suite by subclassing each themed class and returning its <see cref="IStoreHarness"/>.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    protected const string TenantA = "tenant-a";
    protected const string TenantB = "tenant-b";

    /// <summary>The time of every write unless a test says otherwise; stores keep whole milliseconds.</summary>
    protected static readonly DateTimeOffset Now =
        Rfc3339.ToStoredPrecision(new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero));

    private IStoreHarness? _harness;
    private ITaskStore? _store;

    protected ITaskStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>A harness around a fresh, empty database of the store under test.</summary>
    protected abstract IStoreHarness CreateHarness();

    public async Task InitializeAsync()
    {
        _harness = CreateHarness();
        _store = await _harness.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>Closes the store and opens a new one on the same data, as a server restart would.</summary>
    protected async Task RestartStoreAsync()
    {
        var harness = _harness ?? throw new InvalidOperationException("The harness is not created.");
        await harness.CloseAsync(Store);
        _store = null;
        _store = await harness.OpenAsync();
    }

    /// <summary>A valid task with default options; <paramref name="idTime"/> orders ids, as a later enqueue would.</summary>
    protected static NewTask NewTask(
        string activityType = "email.send", string inputJson = "{}", DateTimeOffset? idTime = null,
        TaskOptions? options = null, string? traceparent = null) =>
        new(Guid.CreateVersion7(idTime ?? Now), activityType, inputJson, options ?? DefaultOptions, traceparent);

    protected static TaskOptions DefaultOptions { get; } = new(
        TaskOptions.DefaultMaxAttempts, TaskOptions.DefaultPriority, 0, Now,
        TaskOptions.DefaultTimeoutSeconds, TaskOptions.DefaultHeartbeatTimeoutSeconds, RetryPolicy.Default);

    /// <summary>Tasks whose ids grow in the order given, one millisecond apart.</summary>
    protected static NewTask[] NewTasks(int count, string activityType = "email.send") =>
        [.. Enumerable.Range(0, count).Select(i => NewTask(activityType, $"{{\"n\":{i}}}", Now.AddMilliseconds(i)))];

    protected Task<EnqueueResult> EnqueueAsync(params NewTask[] tasks) => EnqueueForAsync(TenantA, tasks);

    protected Task<EnqueueResult> EnqueueForAsync(string tenant, params NewTask[] tasks) =>
        Store.EnqueueAsync(new EnqueueParams(tenant, tasks, null, 0, Now), CancellationToken.None);

    protected Task<EnqueueResult> EnqueueCappedAsync(long maxPending, params NewTask[] tasks) =>
        Store.EnqueueAsync(new EnqueueParams(TenantA, tasks, null, maxPending, Now), CancellationToken.None);

    protected Task<EnqueueResult> EnqueueWithKeyAsync(string key, string fingerprint, params NewTask[] tasks) =>
        Store.EnqueueAsync(new EnqueueParams(TenantA, tasks, new IdempotencyKey(key, fingerprint), 0, Now), CancellationToken.None);

    protected Task<DurqTask?> GetAsync(Guid id, string tenant = TenantA) =>
        Store.GetTaskAsync(tenant, id, CancellationToken.None);

    protected Task<TaskPage> ListAsync(
        DurqTaskStatus? status = null, string? activityType = null, int limit = 100, Guid? cursor = null,
        string tenant = TenantA) =>
        Store.ListTasksAsync(new ListTasksParams(tenant, status, activityType, limit, cursor), CancellationToken.None);

    /// <summary>Every id the list shows, following cursors page by page.</summary>
    protected async Task<List<Guid>> ListAllIdsAsync(DurqTaskStatus? status = null, string tenant = TenantA, int limit = 500)
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

    protected Task<DurqTask> CancelAsync(Guid id, string tenant = TenantA, DateTimeOffset? at = null) =>
        Store.CancelTaskAsync(new CancelTaskParams(tenant, id, at ?? Now), CancellationToken.None);

    /// <summary>Compares options member by member (the retry list has no value equality).</summary>
    protected static void AssertSameOptions(TaskOptions expected, TaskOptions actual)
    {
        Assert.Equal(expected with { Retry = RetryPolicy.Default }, actual with { Retry = RetryPolicy.Default });
        Assert.Equal(expected.Retry with { NonRetryableErrorTypes = [] }, actual.Retry with { NonRetryableErrorTypes = [] });
        Assert.Equal(expected.Retry.NonRetryableErrorTypes, actual.Retry.NonRetryableErrorTypes);
    }
}
