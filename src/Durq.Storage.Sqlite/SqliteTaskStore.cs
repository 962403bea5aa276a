using System.Text;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Durq.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit survives a crash or
/// power loss. Every write goes through one <see cref="SqliteWriter"/> (group commit); reads use pooled read-only
/// connections, which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteTaskStore : ITaskStore, IAsyncDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly ILogger<SqliteTaskStore> _logger;
    private readonly string _readConnectionString;
    private SqliteConnection? _writeConnection;
    private SqliteWriter? _writer;

    public SqliteTaskStore(SqliteStoreOptions options, ILogger<SqliteTaskStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath => _options.DatabasePath;

    public string Description => $"SQLite at {DatabasePath} (WAL, synchronous=FULL)";

    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        // WAL lets readers run beside the writer; FULL makes every commit durable before it returns.
        Pragma(connection, "journal_mode = WAL");
        Pragma(connection, "synchronous = FULL");
        Pragma(connection, "busy_timeout = 5000");
        SqliteMigrator.Migrate(connection);
        _writeConnection = connection;
        _writer = new SqliteWriter(connection, _options.MaxWriteBatch, _logger);
        return Task.CompletedTask;
    }

    public Task<EnqueueResult> EnqueueAsync(EnqueueParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new EnqueueCommand(request));

    public Task<DurqTask> CancelTaskAsync(CancelTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CancelTaskCommand(request));

    public Task<IReadOnlyList<DurqTask>> ClaimTasksAsync(ClaimParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ClaimTasksCommand(request));

    public Task<TaskLease> HeartbeatTaskAsync(HeartbeatTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new HeartbeatTaskCommand(request));

    public Task<DurqTask> CompleteTaskAsync(CompleteTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CompleteTaskCommand(request));

    public Task<IReadOnlyList<CompletionOutcome>> CompleteTasksAsync(CompleteTasksParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Nothing to complete needs no write, and should not wait for a place in the writer's queue.
        return request.Completions.Count == 0
            ? Task.FromResult<IReadOnlyList<CompletionOutcome>>([])
            : Writer.SubmitAsync(new CompleteTasksCommand(request));
    }

    public Task<FailureDecision> FailTaskAsync(FailTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new FailTaskCommand(request));

    public Task<IReadOnlyList<ReclaimedTask>> ReclaimExpiredAsync(ReclaimExpiredParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ReclaimExpiredCommand(request));

    public Task<DurqTask> RetryDeadTaskAsync(RetryDeadTaskParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new RetryDeadTaskCommand(request));

    public Task<int> RetryDeadTasksAsync(RetryDeadTasksParams request, CancellationToken cancellationToken) =>
        Slices.RepeatAsync(async () => (await Writer.SubmitAsync(new RetryDeadTasksSliceCommand(request, Slices.Size))).Count);

    public Task<PurgeResult> PurgeAsync(PurgeParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new PurgeCommand(request));

    public Task<Worker> RegisterWorkerAsync(RegisterWorkerParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new RegisterWorkerCommand(request));

    public Task<Worker> HeartbeatWorkerAsync(WorkerHeartbeatParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new HeartbeatWorkerCommand(request));

    public Task<IReadOnlyList<ReclaimedTask>> DeregisterWorkerAsync(DeregisterWorkerParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new DeregisterWorkerCommand(request));

    public Task<Worker> SetWorkerDrainingAsync(SetWorkerDrainingParams request, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new SetWorkerDrainingCommand(request));

    public async Task<IReadOnlyList<Worker>> ListWorkersAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListWorkers");
        return WorkerRows.ReadAll(command.With("$tenant", tenant));
    }

    public async Task<QueueStats> GetStatsAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("GetStats");
        using var reader = command.With("$tenant", tenant).ExecuteReader();
        reader.Read();
        return new QueueStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public async Task<DurqTask?> GetTaskAsync(string tenant, Guid taskId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("GetTask");
        return TaskRows.Get(command, tenant, taskId);
    }

    public async Task<TaskPage> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ListSql(request, command.Parameters);
        command.Parameters.AddWithValue("$tenant", request.Tenant);
        // One row more than asked tells whether another page follows.
        command.Parameters.AddWithValue("$limit", request.Limit + 1);
        var tasks = new List<DurqTask>(request.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tasks.Add(TaskRows.Read(reader));
            }
        }

        if (tasks.Count <= request.Limit)
        {
            return new TaskPage(tasks, null);
        }

        tasks.RemoveAt(tasks.Count - 1);
        return new TaskPage(tasks, tasks[^1].Id);
    }

    private static string ListSql(ListTasksParams request, SqliteParameterCollection parameters)
    {
        var filters = new StringBuilder();
        if (request.Status is { } status)
        {
            filters.Append(" AND status = $status");
            parameters.AddWithValue("$status", status.ToWire());
        }

        if (request.ActivityType is { } activityType)
        {
            filters.Append(" AND activity_type = $activity_type");
            parameters.AddWithValue("$activity_type", activityType);
        }

        if (request.Cursor is { } cursor)
        {
            filters.Append(" AND id < $cursor");
            parameters.AddWithValue("$cursor", TaskIds.Format(cursor));
        }

        return SqlText.Query("ListTasks").Replace("/*filters*/", filters.ToString(), StringComparison.Ordinal);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException error)
        {
            await connection.DisposeAsync();
            throw new StoreUnavailableException("The database could not be opened for reading.", error);
        }
    }

    private SqliteWriter Writer => _writer ?? throw new InvalidOperationException("Call MigrateAsync before using the store.");

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
    }
}
