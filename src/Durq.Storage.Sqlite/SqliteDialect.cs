using Durq.Core.Errors;
using Durq.Core.FlowControl;
using Durq.Core.Keys;
using Durq.Core.Metrics;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Storage.Dialect;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>
/// SQLite's connection policy and reads: one write connection for the life of the store, opened at migration, and
/// pooled read-only connections, which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteDialect : IStoreDialect
{
    private readonly SqliteStoreOptions _options;
    private readonly string _readConnectionString;
    private SqliteConnection? _writeConnection;
    private DataFolderLock? _folderLock;

    public SqliteDialect(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    public string Description => $"SQLite at {_options.DatabasePath} (WAL, synchronous=FULL; NORMAL for claims and heartbeats)";

    public int MaxWriteBatch => _options.MaxWriteBatch;

    public bool WriterNeedsOwnThread => true;

    public string BatchFailedDetail => "The database could not commit the write; nothing was stored.";

    /// <summary>
    /// SQLite's own word for each fault (primary result codes, sqlite.org/rescode.html): READONLY when the file or its
    /// folder cannot be written (SQLite then opens it read-only), FULL when the disk or <c>max_page_count</c> is reached
    /// (SQLite reports ENOSPC so), CORRUPT and NOTADB for a damaged or foreign file.
    /// </summary>
    public StoreUnavailableException? Fault(Exception error) => error is SqliteException sqlite
        ? (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SQLitePCL.raw.SQLITE_READONLY => StorageFaults.ReadOnly(error),
            SQLitePCL.raw.SQLITE_FULL => StorageFaults.Full(error),
            SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB => StorageFaults.Corrupt(error),
            _ => null,
        }
        : null;

    /// <summary>
    /// Takes the data folder's lock (a second store on the same file would break the single-writer rule that keeps the
    /// pending counts exact), checks the file, opens the write connection and migrates. A file SQLite cannot use stops
    /// the start with one line naming it (<see cref="StoreStartupException"/>).
    /// </summary>
    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        var path = _options.DatabasePath;
        var folder = Path.GetDirectoryName(path)!;
        CreateDataFolder(folder);
        if (!_options.ShareDataFolder)
        {
            _folderLock ??= DataFolderLock.Acquire(folder);
        }
        DatabaseFile.CheckLength(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            // WAL lets readers run beside the writer; FULL makes every commit durable before it returns.
            Pragma(connection, "journal_mode = WAL");
            Pragma(connection, "synchronous = FULL");
            Pragma(connection, "busy_timeout = 5000");
            LimitSize(connection);
            SqliteMigrator.Migrate(connection);
        }
        catch (SqliteException error)
        {
            connection.Dispose();
            throw Fault(error) is { Code: ProblemCodes.StorageCorrupt }
                ? DatabaseFile.Unusable(path, error.Message.TrimEnd('.'), error)
                : new StoreStartupException($"{path} could not be opened: {error.Message.TrimEnd('.')}.", error);
        }

        _writeConnection = connection;
        return Task.CompletedTask;
    }

    /// <summary>Creates the data folder if missing; one it cannot have (a file in its place, no permission) stops the start naming it.</summary>
    private static void CreateDataFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StoreStartupException(
                $"the data folder {folder} cannot be created ({error.Message.TrimEnd('.')}). Choose another with --data-dir (Storage:DataDir), "
                + "or make this path one where Durq can create and write a folder.", error);
        }
    }

    /// <summary><see cref="SqliteStoreOptions.MaxDatabaseBytes"/> as SQLite's own cap, which answers writes past it as a full disk.</summary>
    private void LimitSize(SqliteConnection connection)
    {
        if (_options.MaxDatabaseBytes is { } bytes)
        {
            using var pageSize = connection.CreateCommand();
            pageSize.CommandText = "PRAGMA page_size";
            var pages = Math.Max(1, bytes / (long)pageSize.ExecuteScalar()!);
            Pragma(connection, FormattableString.Invariant($"max_page_count = {pages}"));
        }
    }

    public ValueTask<IWriteSession> ConnectWriterAsync() => ValueTask.FromResult<IWriteSession>(
        new SqliteWriteSession(_writeConnection ?? throw new InvalidOperationException("Call MigrateAsync before using the store.")));

    public async Task<List<Worker>> ListWorkersAsync(ListWorkersParams request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListWorkers");
        return WorkerRows.ReadAll(command.With("$tenant", request.Tenant).With("$after", request.After).With("$limit", request.Limit));
    }

    public async Task<WorkerTotals> SummarizeWorkersAsync(string tenant, DateTimeOffset stoppedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("SummarizeWorkers");
        using var reader = command.With("$tenant", tenant).With("$stopped_before", stoppedBefore).ExecuteReader();
        reader.Read();
        return WorkerRows.ReadTotals(reader);
    }

    public async Task<IReadOnlyList<ActivityTypeState>> ListActivityTypesAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListActivityTypes");
        return ActivityTypeRows.ReadAll(command.With("$tenant", tenant));
    }

    public async Task<IReadOnlyList<TypeStatusCount>> CountTasksByTypeAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("CountTasksByType");
        using var reader = command.With("$tenant", tenant).ExecuteReader();
        var counts = new List<TypeStatusCount>();
        while (reader.Read())
        {
            counts.Add(new TypeStatusCount(
                reader.GetString(0), DurqTaskStatusNames.Parse(reader.GetString(1)), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return counts;
    }

    public async Task<(long Ahead, int Claimed)> ExplainCountsAsync(DurqTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ExplainCounts");
        using var reader = command.With("$tenant", task.Tenant).With("$activity_type", task.ActivityType).With("$now", now)
            .With("$priority", task.Priority).With("$visible_at", task.VisibleAt).With("$id", task.Id).ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt32(1));
    }

    public async Task<Schedule?> GetScheduleAsync(string tenant, Guid scheduleId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("GetSchedule");
        return ScheduleRows.ReadAll(command.With("$tenant", tenant).With("$id", scheduleId)).SingleOrDefault();
    }

    public async Task<List<Schedule>> ListSchedulesAsync(ListSchedulesParams request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListSchedules");
        return ScheduleRows.ReadAll(command.With("$tenant", request.Tenant).With("$after", request.After).With("$limit", request.Limit));
    }

    public async Task<List<ScheduleExecution>> ListScheduleExecutionsAsync(ListExecutionsParams request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListScheduleExecutions");
        return ScheduleRows.ReadExecutions(command
            .With("$tenant", request.Tenant).With("$schedule_id", request.ScheduleId).With("$limit", request.Limit)
            .With("$before", request.Before).With("$before_kind", request.BeforeKind?.ToWire()));
    }

    public async Task<IReadOnlyList<DueSchedule>> DueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("DueSchedules");
        using var reader = command.With("$now", now).With("$limit", limit).ExecuteReader();
        var due = new List<DueSchedule>();
        while (reader.Read())
        {
            due.Add(new DueSchedule(reader.GetString(0), Guid.Parse(reader.GetString(1))));
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextScheduleFireAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("NextScheduleFire");
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? tenant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListApiKeys");
        return ApiKeyRows.ReadAll(command.With("$tenant", tenant));
    }

    public async Task<IReadOnlyList<Worker>> SelectSilentWorkersAsync(DateTimeOffset stoppedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("SelectSilentWorkers");
        return WorkerRows.ReadAll(command.With("$stopped_before", stoppedBefore).With("$limit", limit));
    }

    public async Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("GetCounters");
        using var reader = command.With("$tenant", tenant).ExecuteReader();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            totals[reader.GetString(0)] = reader.GetInt64(1);
        }

        return totals;
    }

    public async Task<IReadOnlyList<string>> ListSampledTenantsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListSampledTenants");
        using var reader = command.ExecuteReader();
        var tenants = new List<string>();
        while (reader.Read())
        {
            tenants.Add(reader.GetString(0));
        }

        return tenants;
    }

    public async Task<IReadOnlyList<MetricSample>> ListSamplesAsync(string tenant, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlText.Query("ListSamples");
        return SampleRows.ReadAll(command.With("$tenant", tenant).With("$since", since));
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

    public async Task<List<DurqTask>> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = TaskListFilters.Apply(SqlText.Query("ListTasks"), request, '$', (name, value) => command.With("$" + name, value));
        return command.With("$tenant", request.Tenant).With("$limit", request.Limit).ReadTasks();
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

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        // The pooled readers close first: the last connection to close checkpoints the WAL into durq.db and removes it,
        // and a read-only one cannot, so the writer must be last.
        SqliteConnection.ClearAllPools();
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync();
        }

        _folderLock?.Dispose();
    }
}
