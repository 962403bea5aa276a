using Durq.Core.Errors;
using Durq.Core.FlowControl;
using Durq.Core.Keys;
using Durq.Core.Metrics;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Storage.Dialect;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// PostgreSQL's connection policy and reads: a pool for reads (a read that finds a dead connection is tried once more),
/// one connection of its own for the writer and one for the listener, each reconnecting after an outage.
/// </summary>
internal sealed class PostgresDialect : IStoreDialect
{
    private readonly PostgresStoreOptions _options;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _readers;
    private readonly string _writerConnectionString;
    private readonly TaskStatistics _statistics;
    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<string> _tenantsWithCountRows = new(StringComparer.Ordinal);
    // Each instance adds its totals to a shard of its own, so nodes do not queue on one counter row.
    private readonly int _shard = Random.Shared.Next(64);

    /// <summary>
    /// The writer's statements are planned for the values of each run (<c>plan_cache_mode=force_custom_plan</c>).
    /// After five runs of a prepared statement PostgreSQL may switch to a generic plan, picked by comparing costs
    /// estimated from those first runs; the generic plan of the batch completion over a table of a million finished
    /// tasks was several times slower, and whether it was picked varied from run to run, so D1 over a long history was
    /// bimodal (docs/BENCHMARKS.md, "What made it fast"). Planning a statement that changes hundreds of tasks costs
    /// far less than that.
    /// </summary>
    private static NpgsqlConnectionStringBuilder WithCustomPlans(NpgsqlConnectionStringBuilder settings)
    {
        var writer = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        writer.Options = string.IsNullOrWhiteSpace(writer.Options)
            ? "-c plan_cache_mode=force_custom_plan"
            : writer.Options + " -c plan_cache_mode=force_custom_plan";
        return writer;
    }

    /// <summary>
    /// The writer's statements are not prepared automatically (<c>Max Auto Prepare=0</c>). With automatic preparation,
    /// a statement whose values the server refused at Bind (a NUL character in text, 22021) in the round trip that also
    /// prepared it left Npgsql's record of the connection's prepared statements out of step with the server's: a later
    /// statement of the same connection was read against the wrong row description and failed with "Received
    /// unexpected backend message DataRow", which broke the connection and failed every caller of that batch (and, while
    /// the writer took the error for one statement's, hid the cause behind "Transaction is already completed").
    /// <c>PostgresWriterStressTests</c> reproduces it within seconds with automatic preparation on, and never with it
    /// off. The statements that come back with most batches are prepared explicitly instead: the closing round trip's
    /// (<c>PostgresWriteSession.CommitAsync</c>), the claim's and completion's (<c>ParameterExtensions.PreparedAsync</c>)
    /// and the read of a claim's activity types (<c>PostgresWriteSession.ReadCarryingDeferredAsync</c>). An explicit preparation is a
    /// round trip of its own that carries no values, the first time the connection sends the statement, so no refusal
    /// at Bind can meet it.
    /// </summary>
    private static NpgsqlConnectionStringBuilder WithoutAutoPrepare(NpgsqlConnectionStringBuilder settings) =>
        new(settings.ConnectionString) { MaxAutoPrepare = 0 };

    public PostgresDialect(PostgresStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, "PostgresStoreOptions.ConnectionString");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWriteBatch, 1, "PostgresStoreOptions.MaxWriteBatch");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxReadConnections, 1, "PostgresStoreOptions.MaxReadConnections");
        _options = options;
        _logger = logger;
        var settings = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Description = $"PostgreSQL at {settings.Host}:{settings.Port}/{settings.Database}";
        // Every read runs again and again; preparing them saves the server planning each one each time (the writer's
        // statements are not prepared: WithoutAutoPrepare says why).
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }

        // Names the connections in pg_stat_activity: "durq" (or the caller's name) for reads, "… writer", "… listener".
        var name = string.IsNullOrEmpty(settings.ApplicationName) ? "durq" : settings.ApplicationName;
        settings.ApplicationName = name;
        settings.MaxPoolSize = options.MaxReadConnections;
        settings.MinPoolSize = Math.Min(settings.MinPoolSize, settings.MaxPoolSize);
        _readers = NpgsqlDataSource.Create(settings.ConnectionString);
        // The writer and the listener each keep one connection for as long as they live; a pool would only get in the way.
        // A keepalive query on an idle one finds a connection the network dropped without a word.
        settings.Pooling = false;
        if (settings.KeepAlive == 0)
        {
            settings.KeepAlive = 30;
        }

        settings.ApplicationName = name + " writer";
        _writerConnectionString = WithoutAutoPrepare(WithCustomPlans(settings)).ConnectionString;
        Store = settings.SearchPath ?? "";
        settings.ApplicationName = name + " listener";
        Listener = new NotificationListener(settings.ConnectionString, logger, _disposed.Token);
        _statistics = new TaskStatistics(_readers, TimeProvider.System, logger, _disposed.Token);
    }

    public string Description { get; }

    public int MaxWriteBatch => _options.MaxWriteBatch;

    public bool WriterNeedsOwnThread => false;

    public string BatchFailedDetail => "The database did not confirm the write, so it may not have been stored.";

    public StoreUnavailableException? Fault(Exception error) => StoreErrors.Fault(error);

    /// <summary>Names this store instance in the changes it tells other nodes, so it skips its own when it hears them.</summary>
    public Guid Origin { get; } = Guid.NewGuid();

    /// <summary>Which store of the database this is (its search path): stores in other schemas hear its notifications too.</summary>
    public string Store { get; }

    /// <summary>Hears the work and the changes other nodes announce.</summary>
    public NotificationListener Listener { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        try
        {
            await PostgresMigrator.MigrateAsync(connection, cancellationToken);
        }
        catch (PostgresException error) when (StoreErrors.Fault(error) is not null)
        {
            // A read-only database (a standby, or default_transaction_read_only) cannot even check its schema.
            throw new StoreStartupException(
                $"{Description} refused the schema check: {error.MessageText} (SQLSTATE {error.SqlState}); point --postgres at a writable primary (docs/operations.md, \"Storage faults\").",
                error);
        }

        await WarnIfCommitsAreNotDurableAsync(connection, cancellationToken);
    }

    public async ValueTask<IWriteSession> ConnectWriterAsync()
    {
        var connection = new NpgsqlConnection(_writerConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new PostgresWriteSession(connection, _shard, _tenantsWithCountRows, _statistics, (Origin, Store));
    }

    public Task<List<Worker>> ListWorkersAsync(ListWorkersParams request, CancellationToken cancellationToken) =>
        ReadAsync(
            command => WorkerRows.ReadAllAsync(command.With("tenant", request.Tenant).With("after", request.After).With("limit", request.Limit)),
            SqlText.Query("ListWorkers"), cancellationToken);

    public Task<WorkerTotals> SummarizeWorkersAsync(string tenant, DateTimeOffset stoppedBefore, CancellationToken cancellationToken) =>
        ReadAsync(async command =>
        {
            await using var reader = await command.With("tenant", tenant).With("stopped_before", stoppedBefore).ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return WorkerRows.ReadTotals(reader);
        }, SqlText.Query("SummarizeWorkers"), cancellationToken);

    public Task<IReadOnlyList<ActivityTypeState>> ListActivityTypesAsync(string tenant, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ActivityTypeState>>(
            async command => await ActivityTypeRows.ReadAllAsync(command.With("tenant", tenant), cancellationToken),
            SqlText.Query("ListActivityTypes"), cancellationToken);

    public async Task<Schedule?> GetScheduleAsync(string tenant, Guid scheduleId, CancellationToken cancellationToken) =>
        (await ReadAsync(
            command => ScheduleRows.ReadAllAsync(command.With("tenant", tenant).With("id", scheduleId), cancellationToken),
            SqlText.Query("GetSchedule"), cancellationToken)).SingleOrDefault();

    public Task<List<Schedule>> ListSchedulesAsync(ListSchedulesParams request, CancellationToken cancellationToken) =>
        ReadAsync(
            command => ScheduleRows.ReadAllAsync(
                command.With("tenant", request.Tenant).With("after", request.After).With("limit", request.Limit), cancellationToken),
            SqlText.Query("ListSchedules"), cancellationToken);

    public Task<List<ScheduleExecution>> ListScheduleExecutionsAsync(ListExecutionsParams request, CancellationToken cancellationToken) =>
        ReadAsync(
            command => ScheduleRows.ReadExecutionsAsync(command
                .With("tenant", request.Tenant).With("schedule_id", request.ScheduleId).With("limit", request.Limit)
                .With("before", request.Before).With("before_kind", request.BeforeKind?.ToWire()), cancellationToken),
            SqlText.Query("ListScheduleExecutions"), cancellationToken);

    public Task<IReadOnlyList<DueSchedule>> DueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<DueSchedule>>(async command =>
        {
            await using var reader = await command.With("now", now).With("limit", limit).ExecuteReaderAsync(cancellationToken);
            var due = new List<DueSchedule>();
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(new DueSchedule(reader.GetString(0), reader.GetGuid(1)));
            }

            return due;
        }, SqlText.Query("DueSchedules"), cancellationToken);

    public Task<DateTimeOffset?> NextScheduleFireAsync(CancellationToken cancellationToken) =>
        ReadAsync(async command => await command.ExecuteScalarAsync(cancellationToken) is DateTime time
            ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))
            : (DateTimeOffset?)null, SqlText.Query("NextScheduleFire"), cancellationToken);

    public Task<IReadOnlyList<TypeStatusCount>> CountTasksByTypeAsync(string tenant, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<TypeStatusCount>>(async command =>
        {
            await using var reader = await command.With("tenant", tenant).ExecuteReaderAsync(cancellationToken);
            var counts = new List<TypeStatusCount>();
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add(new TypeStatusCount(
                    reader.GetString(0), DurqTaskStatusNames.Parse(reader.GetString(1)), reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
            }

            return counts;
        }, SqlText.Query("CountTasksByType"), cancellationToken);

    public Task<(long Ahead, int Claimed)> ExplainCountsAsync(DurqTask task, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(async command =>
        {
            await using var reader = await command.With("tenant", task.Tenant).With("activity_type", task.ActivityType).With("now", now)
                .With("priority", task.Priority).With("visible_at", task.VisibleAt).With("id", task.Id).ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), (int)reader.GetInt64(1));
        }, SqlText.Query("ExplainCounts"), cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? tenant, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ApiKey>>(
            async command => await ApiKeyRows.ReadAllAsync(command.With("tenant", tenant), cancellationToken), SqlText.Query("ListApiKeys"), cancellationToken);

    public Task<IReadOnlyList<Worker>> SelectSilentWorkersAsync(DateTimeOffset stoppedBefore, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Worker>>(
            async command => await WorkerRows.ReadAllAsync(command.With("stopped_before", stoppedBefore).With("limit", limit)),
            SqlText.Query("SelectSilentWorkers"), cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string tenant, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<string, long>>(async command =>
        {
            await using var reader = await command.With("tenant", tenant).ExecuteReaderAsync(cancellationToken);
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                totals[reader.GetString(0)] = reader.GetInt64(1);
            }

            return totals;
        }, SqlText.Query("GetCounters"), cancellationToken);

    public Task<IReadOnlyList<string>> ListSampledTenantsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var tenants = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                tenants.Add(reader.GetString(0));
            }

            return tenants;
        }, SqlText.Query("ListSampledTenants"), cancellationToken);

    public Task<IReadOnlyList<MetricSample>> ListSamplesAsync(string tenant, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync(command => SampleRows.ReadAllAsync(command.With("tenant", tenant).With("since", since), cancellationToken),
            SqlText.Query("ListSamples"), cancellationToken);

    public Task<QueueStats> GetStatsAsync(string tenant, CancellationToken cancellationToken) => ReadAsync(async command =>
    {
        await using var reader = await command.With("tenant", tenant).ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new QueueStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }, SqlText.Query("GetStats"), cancellationToken);

    public Task<DurqTask?> GetTaskAsync(string tenant, Guid taskId, CancellationToken cancellationToken) =>
        ReadAsync(command => TaskRows.GetAsync(command, tenant, taskId), SqlText.Query("GetTask"), cancellationToken);

    public Task<List<DurqTask>> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReadAsync(command =>
        {
            command.CommandText = TaskListFilters.Apply(
                command.CommandText, request, '@', (name, value) => command.Parameters.AddWithValue(name, value));
            return TaskRows.ReadAllAsync(command.With("tenant", request.Tenant).With("limit", request.Limit));
        }, SqlText.Query("ListTasks"), cancellationToken);
    }

    /// <summary>
    /// Runs one read on a pooled connection. A read that fails for want of a working connection is tried once more on a
    /// fresh one (reads change nothing, and after a database restart every idle pooled connection is dead); if that fails
    /// too, the database is away: <see cref="Core.Errors.StoreUnavailableException"/>.
    /// </summary>
    private async Task<T> ReadAsync<T>(Func<NpgsqlCommand, Task<T>> read, string sql, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _readers.OpenConnectionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(sql, connection);
                return await read(command);
            }
            catch (Exception error) when (StoreErrors.IsTransient(error) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt > 1)
                {
                    throw StoreErrors.Unavailable("The database could not be read just now. Try again.", error);
                }

                _readers.Clear();
            }
        }
    }

    private async Task<NpgsqlConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _readers.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception error) when (StoreErrors.IsTransient(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Unavailable($"{Description} could not be reached.", error);
        }
    }

    /// <summary>
    /// Durq answers "stored" only after a commit; that means "durable" only while <c>synchronous_commit</c> is <c>on</c>
    /// (the default) or stronger. The store leaves the server's choice alone and says when it is weaker.
    /// </summary>
    private async Task WarnIfCommitsAreNotDurableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SqlText.Query("ShowSynchronousCommit"), connection);
        var setting = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (setting is "off" or "local")
        {
            _logger.LogWarning(
                "PostgreSQL runs with synchronous_commit = {Setting}: a task answered as stored can be lost if the server crashes", setting);
        }
    }

    /// <summary>Ends every listener of this store.</summary>
    public Task StopListeningAsync() => _disposed.CancelAsync();

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await _readers.DisposeAsync();
        _disposed.Dispose();
    }
}
