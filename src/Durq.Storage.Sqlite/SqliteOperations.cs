using System.Globalization;
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
/// SQLite's SQL for each write operation, run synchronously on the writer's thread (every answer is a completed
/// <see cref="ValueTask"/>). Ids are kept as text and times as Unix milliseconds (<see cref="ParameterExtensions"/>).
/// </summary>
internal sealed class SqliteOperations(SqliteStatements statements) : IWriteOperations
{
    public ValueTask<DurqTask?> GetTaskAsync(string tenant, Guid taskId) =>
        new(TaskRows.Get(statements.Statement("GetTask"), tenant, taskId));

    public ValueTask ProbeWriteAsync()
    {
        statements.Statement("ProbeWrite").ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<HashSet<Guid>> ExistingTasksAsync(string tenant, IReadOnlyCollection<Guid> taskIds)
    {
        var command = statements.Statement("ExistingTasks").With("$tenant", tenant)
            .WithJsonArray("$ids", taskIds);
        var existing = new HashSet<Guid>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            existing.Add(Guid.Parse(reader.GetString(0)));
        }

        return new(existing);
    }

    public ValueTask<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string tenant, string key)
    {
        using var reader = statements.Statement("FindIdempotencyKey").With("$tenant", tenant).With("$key", key).ExecuteReader();
        return new(reader.Read()
            ? new StoredIdempotencyKey(reader.GetString(0), [.. reader.GetString(1).Split(',').Select(Guid.Parse)])
            : null);
    }

    public ValueTask<bool> InsertIdempotencyKeyAsync(string tenant, IdempotencyKey key, IReadOnlyList<Guid> taskIds, DateTimeOffset now) =>
        new(statements.Statement("InsertIdempotencyKey")
            .With("$tenant", tenant).With("$key", key.Key).With("$request_fingerprint", key.RequestFingerprint)
            .With("$task_ids", string.Join(',', taskIds.Select(TaskIds.Format))).With("$now", now)
            .ExecuteNonQuery() == 1);

    public ValueTask InsertTasksAsync(EnqueueParams request)
    {
        var insert = statements.TaskInsert;
        insert.BindRequest(request.Tenant, request.Now.ToUnixTimeMilliseconds(), request.Idempotency?.Key);
        foreach (var task in request.Tasks)
        {
            insert.Insert(task);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<DurqTask>> ClaimTasksAsync(ClaimParams request, IReadOnlyList<TypeQuota> quotas)
    {
        var command = ClaimStatement(quotas.Count)
            .With("$tenant", request.Tenant).With("$worker_id", request.WorkerId).With("$now", request.Now)
            .With("$limit", request.MaxTasks);
        for (var i = 0; i < quotas.Count; i++)
        {
            command.With(Numbered("$type", i), quotas[i].ActivityType).With(Numbered("$quota", i), quotas[i].MaxTasks);
        }

        var claimed = command.ReadTasks();
        // RETURNING gives the rows in no particular order.
        claimed.Sort(ClaimOrder.Instance);
        return new(claimed);
    }

    public ValueTask<IReadOnlyList<ActivityTypeState>> GetActivityTypesAsync(string tenant, IReadOnlyList<string> activityTypes) =>
        new(ActivityTypeRows.ReadAll(statements.Statement("GetActivityTypes")
            .With("$tenant", tenant).WithJsonArray("$activity_types", activityTypes)));

    public ValueTask<IReadOnlyList<ActivityTypeState>> LockActivityTypesAsync(string tenant, IReadOnlyList<string> activityTypes) =>
        new(ActivityTypeRows.ReadAll(statements.Statement("LockActivityTypes")
            .With("$tenant", tenant).WithJsonArray("$activity_types", activityTypes)));

    public ValueTask<IReadOnlyDictionary<string, int>> CountClaimedAsync(string tenant, IReadOnlyList<string> activityTypes)
    {
        using var reader = statements.Statement("CountClaimed")
            .With("$tenant", tenant).WithJsonArray("$activity_types", activityTypes).ExecuteReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new(counts);
    }

    public ValueTask SaveActivityTypeAsync(ActivityTypeState type)
    {
        statements.Statement("SaveActivityType").WithColumns(type).ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<TaskLease?> HeartbeatTaskAsync(HeartbeatTaskParams request)
    {
        using var reader = statements.Statement("HeartbeatTask")
            .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$lease_id", request.LeaseId)
            .With("$now", request.Now).With("$details", request.DetailsJson)
            .ExecuteReader();
        return new(reader.Read() ? new TaskLease(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt64(1) != 0) : null);
    }

    public ValueTask<DurqTask?> CompleteTaskAsync(CompleteTaskParams request) => Single(statements.Statement("CompleteTask")
        .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$lease_id", request.LeaseId)
        .With("$now", request.Now).With("$result", request.ResultJson));

    /// <summary>One prepared statement run per item, each seeing the ones before it; parameters bound once, values changed.</summary>
    public ValueTask<CompletedTask?[]> CompleteTasksAsync(CompleteTasksParams request)
    {
        // Read before the updates, which clear claimed_at; one writer, so what is read is what each update sees.
        var claims = ClaimsOf(request);
        var complete = statements.Statement("CompleteTasks").With("$tenant", request.Tenant).With("$now", request.Now);
        var id = complete.Parameters.Add("$id", SqliteType.Text);
        var leaseId = complete.Parameters.Add("$lease_id", SqliteType.Text);
        var result = complete.Parameters.Add("$result", SqliteType.Text);
        var completed = new CompletedTask?[request.Completions.Count];
        for (var i = 0; i < completed.Length; i++)
        {
            var completion = request.Completions[i];
            id.Value = TaskIds.Format(completion.TaskId);
            leaseId.Value = TaskIds.Format(completion.LeaseId);
            result.Value = (object?)completion.ResultJson ?? DBNull.Value;
            // A task that completed was claimed, so the read found it with its claim time.
            completed[i] = complete.ExecuteNonQuery() == 1 ? claims[completion.TaskId] : null;
        }

        return new(completed);
    }

    /// <summary>The activity type and claim time of each claimed task the completions name, in one read.</summary>
    private Dictionary<Guid, CompletedTask> ClaimsOf(CompleteTasksParams request)
    {
        var ids = request.Completions.Select(c => c.TaskId).Distinct().ToArray();
        var byId = new Dictionary<Guid, CompletedTask>(ids.Length);
        using var reader = statements.Statement("ClaimsOfTasks").With("$tenant", request.Tenant).WithJsonArray("$ids", ids).ExecuteReader();
        while (reader.Read())
        {
            byId[Guid.Parse(reader.GetString(0))] = new CompletedTask(reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        }

        return byId;
    }

    public ValueTask<DurqTask?> GetLeasedTaskAsync(string tenant, Guid taskId, Guid leaseId, DateTimeOffset now) =>
        Single(statements.Statement("GetLeasedTask").With("$tenant", tenant).With("$id", taskId).With("$lease_id", leaseId).With("$now", now));

    public ValueTask<int> RecordFailureAsync(FailureRecord failure) => new(statements.Statement("RecordFailure")
        .With("$id", failure.TaskId).With("$lease_id", failure.LeaseId).With("$now", failure.Now)
        .With("$status", failure.Status.ToWire()).With("$visible_at", failure.VisibleAt)
        .With("$errors", failure.ErrorsJson).With("$last_error", failure.LastErrorJson)
        .ExecuteNonQuery());

    public ValueTask<IReadOnlyList<string>> SelectExpiredTenantsAsync(DateTimeOffset now, int limit) =>
        new(ReadTexts(statements.Statement("SelectExpiredTenants").With("$now", now).With("$limit", limit)));

    public ValueTask<IReadOnlyList<DurqTask>> SelectExpiredLeasesAsync(DateTimeOffset now, int limit, IReadOnlyList<string> tenants) =>
        new(statements.Statement("SelectExpiredLeases").With("$now", now).With("$limit", limit)
            .WithJsonArray("$tenants", tenants).ReadTasks());

    public ValueTask<IReadOnlyList<string>> SelectExpiringTenantsAsync(DateTimeOffset now, int limit) =>
        new(ReadTexts(statements.Statement("SelectExpiringTenants").With("$now", now).With("$limit", limit)));

    public ValueTask<IReadOnlyList<DurqTask>> SelectExpiringTasksAsync(DateTimeOffset now, int limit, IReadOnlyList<string> tenants) =>
        new(statements.Statement("SelectExpiringTasks").With("$now", now).With("$limit", limit)
            .WithJsonArray("$tenants", tenants).ReadTasks());

    public ValueTask<int> ExpireTaskAsync(FailureRecord expiry) => new(statements.Statement("ExpireTask")
        .With("$id", expiry.TaskId).With("$now", expiry.Now).With("$errors", expiry.ErrorsJson).With("$last_error", expiry.LastErrorJson)
        .ExecuteNonQuery());

    public ValueTask<DurqTask?> CancelPendingTaskAsync(CancelTaskParams request) => Single(statements.Statement("CancelPendingTask")
        .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$now", request.Now));

    public ValueTask<DurqTask?> RequestCancelOfClaimedTaskAsync(CancelTaskParams request) => Single(statements.Statement("RequestCancelOfClaimedTask")
        .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$now", request.Now));

    public ValueTask<DurqTask?> RetryDeadTaskAsync(RetryDeadTaskParams request) => Single(statements.Statement("RetryDeadTask")
        .With("$tenant", request.Tenant).With("$id", request.TaskId).With("$now", request.Now));

    public ValueTask<IReadOnlyList<string>> RetryDeadTasksAsync(RetryDeadTasksParams request, int limit) =>
        new(ReadTexts(statements.Statement("RetryDeadTasks")
            .With("$tenant", request.Tenant).With("$activity_type", request.ActivityType).With("$error_type", request.ErrorType)
            .With("$now", request.Now).With("$limit", limit)));

    public ValueTask<int> PurgeDeadTasksAsync(PurgeDeadTasksParams request, int limit) =>
        new(statements.Statement("PurgeDeadTasks")
            .With("$tenant", request.Tenant).With("$activity_type", request.ActivityType).With("$error_type", request.ErrorType)
            .With("$limit", limit).ExecuteNonQuery());

    public ValueTask<DurqTaskStatus?> DeleteTaskAsync(string tenant, Guid taskId)
    {
        var status = ReadTexts(statements.Statement("DeleteTask").With("$tenant", tenant).With("$id", taskId)).SingleOrDefault();
        return new(status is null ? null : DurqTaskStatusNames.Parse(status));
    }

    public ValueTask<int> PurgeFinishedTasksAsync(DateTimeOffset finishedBefore, DateTimeOffset deadBefore, int limit) =>
        new(statements.Statement("PurgeFinishedTasks")
            .With("$finished_before", finishedBefore).With("$dead_before", deadBefore).With("$limit", limit).ExecuteNonQuery());

    public ValueTask<int> PurgeIdempotencyKeysAsync(DateTimeOffset before, int limit) =>
        new(statements.Statement("PurgeIdempotencyKeys").With("$before", before).With("$limit", limit).ExecuteNonQuery());

    public ValueTask<int> PurgeStoppedWorkersAsync(DateTimeOffset before, int limit) =>
        new(statements.Statement("PurgeStoppedWorkers").With("$before", before).With("$limit", limit).ExecuteNonQuery());

    public ValueTask<int> PurgeScheduleExecutionsAsync(DateTimeOffset before, int limit) =>
        new(statements.Statement("PurgeScheduleExecutions").With("$before", before).With("$limit", limit).ExecuteNonQuery());

    public ValueTask<WorkerHeadcount> CountWorkersAsync(string tenant, string workerId, DateTimeOffset stoppedBefore)
    {
        using var reader = statements.Statement("CountWorkers")
            .With("$tenant", tenant).With("$id", workerId).With("$stopped_before", stoppedBefore).ExecuteReader();
        reader.Read();
        return new(new WorkerHeadcount(
            reader.GetInt32(0), reader.GetInt32(1),
            reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt64(3) != 0));
    }

    public ValueTask<int> DeleteStoppedWorkersAsync(string tenant, DateTimeOffset stoppedBefore) =>
        new(statements.Statement("DeleteStoppedWorkers").With("$tenant", tenant).With("$stopped_before", stoppedBefore).ExecuteNonQuery());

    public ValueTask<Worker> UpsertWorkerAsync(RegisterWorkerParams request) => new(WorkerRows.ReadAll(statements.Statement("UpsertWorker")
        .With("$tenant", request.Tenant).With("$id", request.WorkerId)
        .WithJsonArray("$activity_types", request.ActivityTypes)
        .With("$max_concurrency", request.MaxConcurrency).With("$worker_group", request.WorkerGroup)
        .With("$hostname", request.Hostname).With("$version", request.Version).With("$now", request.Now))[0]);

    public ValueTask<Worker?> HeartbeatWorkerAsync(WorkerHeartbeatParams request) => new(WorkerRows.ReadAll(statements.Statement("HeartbeatWorker")
        .With("$tenant", request.Tenant).With("$id", request.WorkerId)
        .With("$current_load", request.CurrentLoad).With("$now", request.Now)).SingleOrDefault());

    public ValueTask<Worker?> SetWorkerDrainingAsync(SetWorkerDrainingParams request) => new(WorkerRows.ReadAll(statements.Statement("SetWorkerDraining")
        .With("$tenant", request.Tenant).With("$id", request.WorkerId).With("$draining", request.Draining)).SingleOrDefault());

    public ValueTask<int> DeleteWorkerAsync(string tenant, string workerId) =>
        new(statements.Statement("DeleteWorker").With("$tenant", tenant).With("$id", workerId).ExecuteNonQuery());

    public ValueTask<IReadOnlyList<ReleasedTask>> ReleaseWorkerTasksAsync(DeregisterWorkerParams request)
    {
        var released = new List<ReleasedTask>();
        using var reader = statements.Statement("ReleaseWorkerTasks")
            .With("$tenant", request.Tenant).With("$worker_id", request.WorkerId).With("$now", request.Now)
            .ExecuteReader();
        while (reader.Read())
        {
            released.Add(new ReleasedTask(Guid.Parse(reader.GetString(0)), reader.GetString(1), DurqTaskStatusNames.Parse(reader.GetString(2))));
        }

        return new(released);
    }

    public ValueTask<bool> NoteWorkerSilenceAsync(string tenant, string workerId, DateTimeOffset lastHeartbeatAt) =>
        new(statements.Statement("NoteWorkerSilence")
            .With("$tenant", tenant).With("$id", workerId).With("$last_heartbeat_at", lastHeartbeatAt).ExecuteNonQuery() == 1);

    public ValueTask<bool> InsertSampleAsync(MetricSample sample) =>
        new(statements.Statement("InsertSample").WithSample(sample).ExecuteNonQuery() == 1);

    public ValueTask<int> DeleteSamplesAsync(string tenant, DateTimeOffset before) =>
        new(statements.Statement("DeleteSamples").With("$tenant", tenant).With("$before", before).ExecuteNonQuery());

    public ValueTask InsertApiKeyAsync(ApiKey key)
    {
        statements.Statement("InsertApiKey")
            .With("$id", key.Id).With("$tenant", key.Tenant).With("$name", key.Name).With("$scopes", string.Join(',', key.Scopes))
            .With("$secret_hash", key.SecretHash).With("$created_at", key.CreatedAt).With("$expires_at", key.ExpiresAt)
            .ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> InsertScheduleAsync(Schedule schedule) =>
        new(statements.Statement("InsertSchedule").WithColumns(ScheduleColumns.Of(schedule)).ExecuteNonQuery() == 1);

    public ValueTask<Schedule?> GetScheduleByNameAsync(string tenant, string name) =>
        new(ScheduleRows.ReadAll(statements.Statement("GetScheduleByName").With("$tenant", tenant).With("$name", name)).SingleOrDefault());

    public ValueTask<Schedule?> LockScheduleAsync(string tenant, Guid scheduleId) =>
        new(ScheduleRows.ReadAll(statements.Statement("LockSchedule").With("$tenant", tenant).With("$id", scheduleId)).SingleOrDefault());

    public ValueTask SaveScheduleAsync(Schedule schedule)
    {
        statements.Statement("SaveSchedule").WithColumns(ScheduleColumns.Of(schedule)).ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> DeleteScheduleAsync(string tenant, Guid scheduleId)
    {
        statements.Statement("DeleteScheduleExecutions").With("$tenant", tenant).With("$schedule_id", scheduleId).ExecuteNonQuery();
        return new(statements.Statement("DeleteSchedule").With("$tenant", tenant).With("$id", scheduleId).ExecuteNonQuery() == 1);
    }

    public ValueTask<bool> InsertScheduleExecutionAsync(string tenant, ScheduleExecution execution) =>
        new(statements.Statement("InsertScheduleExecution").WithColumns(ScheduleColumns.Of(tenant, execution)).ExecuteNonQuery() == 1);

    public ValueTask<ApiKey?> GetApiKeyAsync(string tenant, string keyId) =>
        new(ApiKeyRows.ReadAll(statements.Statement("GetApiKey").With("$tenant", tenant).With("$id", keyId)).SingleOrDefault());

    public ValueTask<ApiKey?> RevokeApiKeyAsync(RevokeApiKeyParams request) => new(ApiKeyRows.ReadAll(statements.Statement("RevokeApiKey")
        .With("$tenant", request.Tenant).With("$id", request.KeyId).With("$now", request.Now)).SingleOrDefault());

    private static ValueTask<DurqTask?> Single(SqliteCommand command) => new(command.ReadTasks().SingleOrDefault());

    private static List<string> ReadTexts(SqliteCommand command)
    {
        var texts = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    // One statement per number of activity types, so each shape is prepared once and reused: a slice of the claimable
    // index per type ($type0 and $quota0, $type1 and $quota1, ...), merged.
    private SqliteCommand ClaimStatement(int types) =>
        statements.Statement($"ClaimTasks:{types}", () => SqlText.Query("ClaimTasks").Replace(
            "/*slices*/", string.Join(" UNION ALL ", Enumerable.Range(0, types).Select(ClaimSlice)), StringComparison.Ordinal));

    private static string ClaimSlice(int index) => SqlText.Query("ClaimSlice")
        .Replace("$type", Numbered("$type", index), StringComparison.Ordinal)
        .Replace("$quota", Numbered("$quota", index), StringComparison.Ordinal);

    private static string Numbered(string parameter, int index) => parameter + index.ToString(CultureInfo.InvariantCulture);

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
