using Durq.Core.FlowControl;
using Durq.Core.Keys;
using Durq.Core.Metrics;
using Durq.Core.Scheduling;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Workers;
using Durq.Storage.Dialect;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>PostgreSQL's SQL for each write operation, run on the writer's connection in the batch's transaction.</summary>
internal sealed class PostgresOperations(PostgresWriteSession session) : IWriteOperations
{
    public async ValueTask<DurqTask?> GetTaskAsync(string tenant, Guid taskId) =>
        await TaskRows.GetAsync(session.Statement("GetTask"), tenant, taskId);

    public async ValueTask ProbeWriteAsync() => await session.Statement("ProbeWrite").ExecuteNonQueryAsync();

    public async ValueTask<HashSet<Guid>> ExistingTasksAsync(string tenant, IReadOnlyCollection<Guid> taskIds)
    {
        var command = session.Statement("ExistingTasks").With("tenant", tenant).With<Guid[]>("ids", [.. taskIds]);
        var existing = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            existing.Add(reader.GetGuid(0));
        }

        return existing;
    }

    public async ValueTask<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string tenant, string key)
    {
        await using var reader = await session.Statement("FindIdempotencyKey").With("tenant", tenant).With("key", key).ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredIdempotencyKey(reader.GetString(0), reader.GetFieldValue<Guid[]>(1)) : null;
    }

    public async ValueTask<bool> InsertIdempotencyKeyAsync(string tenant, IdempotencyKey key, IReadOnlyList<Guid> taskIds, DateTimeOffset now) =>
        await session.Statement("InsertIdempotencyKey")
            .With("tenant", tenant).With("key", key.Key).With("request_fingerprint", key.RequestFingerprint)
            .With<Guid[]>("task_ids", [.. taskIds]).With("now", now)
            .ExecuteNonQueryAsync() == 1;

    /// <summary>Consecutive enqueues share one INSERT, written before any write that might read the rows, or with the commit.</summary>
    public ValueTask InsertTasksAsync(EnqueueParams request)
    {
        session.GatherTaskInsert(request);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<IReadOnlyList<DurqTask>> ClaimTasksAsync(ClaimParams request, IReadOnlyList<TypeQuota> quotas) =>
        await TaskRows.ReadAllAsync(await session.Statement("ClaimTasks")
            .With("tenant", request.Tenant).With("worker_id", request.WorkerId).With("now", request.Now)
            .With<string[]>("activity_types", [.. quotas.Select(q => q.ActivityType)])
            .With<int[]>("quotas", [.. quotas.Select(q => q.MaxTasks)]).With("max_tasks", request.MaxTasks).PreparedAsync());

    public async ValueTask<IReadOnlyList<ActivityTypeState>> GetActivityTypesAsync(string tenant, IReadOnlyList<string> activityTypes) =>
        await session.ReadCarryingDeferredAsync(
            "GetActivityTypes",
            parameters =>
            {
                parameters.Add(new NpgsqlParameter<string>("tenant", tenant));
                parameters.Add(new NpgsqlParameter<string[]>("activity_types", [.. activityTypes]));
            },
            reader => ActivityTypeRows.ReadAllAsync(reader));

    public async ValueTask<IReadOnlyList<ActivityTypeState>> LockActivityTypesAsync(string tenant, IReadOnlyList<string> activityTypes) =>
        await ActivityTypeRows.ReadAllAsync(await session.Statement("LockActivityTypes")
            .With("tenant", tenant).With<string[]>("activity_types", [.. activityTypes]).PreparedAsync());

    public async ValueTask<IReadOnlyDictionary<string, int>> CountClaimedAsync(string tenant, IReadOnlyList<string> activityTypes)
    {
        await using var reader = await session.Statement("CountClaimed")
            .With("tenant", tenant).With<string[]>("activity_types", [.. activityTypes]).ExecuteReaderAsync();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public async ValueTask SaveActivityTypeAsync(ActivityTypeState type) =>
        await session.Statement("SaveActivityType").WithColumns(type).ExecuteNonQueryAsync();

    public async ValueTask<TaskLease?> HeartbeatTaskAsync(HeartbeatTaskParams request)
    {
        await using var reader = await session.Statement("HeartbeatTask")
            .With("tenant", request.Tenant).With("id", request.TaskId).With("lease_id", request.LeaseId)
            .With("now", request.Now).With("details", request.DetailsJson)
            .ExecuteReaderAsync();
        return await reader.ReadAsync() ? new TaskLease(reader.GetFieldValue<DateTimeOffset>(0), reader.GetBoolean(1)) : null;
    }

    public ValueTask<DurqTask?> CompleteTaskAsync(CompleteTaskParams request) => SingleAsync(session.Statement("CompleteTask")
        .With("tenant", request.Tenant).With("id", request.TaskId).With("lease_id", request.LeaseId)
        .With("now", request.Now).With("result", request.ResultJson));

    /// <summary>Every item in one statement (one round trip); answers, per item in list order, whether it completed its task.</summary>
    public async ValueTask<CompletedTask?[]> CompleteTasksAsync(CompleteTasksParams request)
    {
        var completions = request.Completions;
        var command = await session.Statement("CompleteTasks")
            .With("tenant", request.Tenant).With("now", request.Now)
            .With<Guid[]>("ids", [.. completions.Select(c => c.TaskId)])
            .With<Guid[]>("lease_ids", [.. completions.Select(c => c.LeaseId)])
            .With<string?[]>("results", [.. completions.Select(c => c.ResultJson)]).PreparedAsync();
        var completed = new CompletedTask?[completions.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // WITH ORDINALITY numbers items from 1.
            completed[reader.GetInt64(0) - 1] = new CompletedTask(reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        }

        return completed;
    }

    public ValueTask<DurqTask?> GetLeasedTaskAsync(string tenant, Guid taskId, Guid leaseId, DateTimeOffset now) =>
        SingleAsync(session.Statement("GetLeasedTask").With("tenant", tenant).With("id", taskId).With("lease_id", leaseId).With("now", now));

    public async ValueTask<int> RecordFailureAsync(FailureRecord failure) => await session.Statement("RecordFailure")
        .With("id", failure.TaskId).With("lease_id", failure.LeaseId).With("now", failure.Now)
        .With("status", failure.Status.ToWire()).With("visible_at", failure.VisibleAt)
        .With("errors", failure.ErrorsJson).With("last_error", failure.LastErrorJson)
        .ExecuteNonQueryAsync();

    public async ValueTask<IReadOnlyList<string>> SelectExpiredTenantsAsync(DateTimeOffset now, int limit) =>
        await ReadTextsAsync(session.Statement("SelectExpiredTenants").With("now", now).With("limit", limit));

    public async ValueTask<IReadOnlyList<DurqTask>> SelectExpiredLeasesAsync(DateTimeOffset now, int limit, IReadOnlyList<string> tenants) =>
        await TaskRows.ReadAllAsync(session.Statement("SelectExpiredLeases")
            .With("now", now).With("limit", limit).With<string[]>("tenants", [.. tenants]));

    public async ValueTask<IReadOnlyList<string>> SelectExpiringTenantsAsync(DateTimeOffset now, int limit) =>
        await ReadTextsAsync(session.Statement("SelectExpiringTenants").With("now", now).With("limit", limit));

    public async ValueTask<IReadOnlyList<DurqTask>> SelectExpiringTasksAsync(DateTimeOffset now, int limit, IReadOnlyList<string> tenants) =>
        await TaskRows.ReadAllAsync(session.Statement("SelectExpiringTasks")
            .With("now", now).With("limit", limit).With<string[]>("tenants", [.. tenants]));

    public async ValueTask<int> ExpireTaskAsync(FailureRecord expiry) => await session.Statement("ExpireTask")
        .With("id", expiry.TaskId).With("now", expiry.Now).With("errors", expiry.ErrorsJson).With("last_error", expiry.LastErrorJson)
        .ExecuteNonQueryAsync();

    public ValueTask<DurqTask?> CancelPendingTaskAsync(CancelTaskParams request) => SingleAsync(session.Statement("CancelPendingTask")
        .With("tenant", request.Tenant).With("id", request.TaskId).With("now", request.Now));

    public ValueTask<DurqTask?> RequestCancelOfClaimedTaskAsync(CancelTaskParams request) => SingleAsync(session.Statement("RequestCancelOfClaimedTask")
        .With("tenant", request.Tenant).With("id", request.TaskId).With("now", request.Now));

    public ValueTask<DurqTask?> RetryDeadTaskAsync(RetryDeadTaskParams request) => SingleAsync(session.Statement("RetryDeadTask")
        .With("tenant", request.Tenant).With("id", request.TaskId).With("now", request.Now));

    public async ValueTask<IReadOnlyList<string>> RetryDeadTasksAsync(RetryDeadTasksParams request, int limit) =>
        await ReadTextsAsync(session.Statement("RetryDeadTasks")
            .With("tenant", request.Tenant).With("activity_type", request.ActivityType).With("error_type", request.ErrorType)
            .With("now", request.Now).With("limit", limit));

    public async ValueTask<int> PurgeDeadTasksAsync(PurgeDeadTasksParams request, int limit) =>
        await session.Statement("PurgeDeadTasks")
            .With("tenant", request.Tenant).With("activity_type", request.ActivityType).With("error_type", request.ErrorType)
            .With("limit", limit).ExecuteNonQueryAsync();

    public async ValueTask<DurqTaskStatus?> DeleteTaskAsync(string tenant, Guid taskId) =>
        (await ReadTextsAsync(session.Statement("DeleteTask").With("tenant", tenant).With("id", taskId))).SingleOrDefault() is { } status
            ? DurqTaskStatusNames.Parse(status)
            : null;

    public async ValueTask<int> PurgeFinishedTasksAsync(DateTimeOffset finishedBefore, DateTimeOffset deadBefore, int limit) =>
        await session.Statement("PurgeFinishedTasks")
            .With("finished_before", finishedBefore).With("dead_before", deadBefore).With("limit", limit).ExecuteNonQueryAsync();

    public async ValueTask<int> PurgeIdempotencyKeysAsync(DateTimeOffset before, int limit) =>
        await session.Statement("PurgeIdempotencyKeys").With("before", before).With("limit", limit).ExecuteNonQueryAsync();

    public async ValueTask<int> PurgeStoppedWorkersAsync(DateTimeOffset before, int limit) =>
        await session.Statement("PurgeStoppedWorkers").With("before", before).With("limit", limit).ExecuteNonQueryAsync();

    public async ValueTask<int> PurgeScheduleExecutionsAsync(DateTimeOffset before, int limit) =>
        await session.Statement("PurgeScheduleExecutions").With("before", before).With("limit", limit).ExecuteNonQueryAsync();

    public async ValueTask<WorkerHeadcount> CountWorkersAsync(string tenant, string workerId, DateTimeOffset stoppedBefore)
    {
        await using var reader = await session.Statement("CountWorkers")
            .With("tenant", tenant).With("id", workerId).With("stopped_before", stoppedBefore).ExecuteReaderAsync();
        await reader.ReadAsync();
        return new WorkerHeadcount(reader.GetInt32(0), reader.GetInt32(1), TaskRows.Time(reader, "oldest_live_heartbeat"), reader.GetBoolean(3));
    }

    public async ValueTask<int> DeleteStoppedWorkersAsync(string tenant, DateTimeOffset stoppedBefore) =>
        await session.Statement("DeleteStoppedWorkers").With("tenant", tenant).With("stopped_before", stoppedBefore).ExecuteNonQueryAsync();

    public async ValueTask<Worker> UpsertWorkerAsync(RegisterWorkerParams request) => (await WorkerRows.ReadAllAsync(session.Statement("UpsertWorker")
        .With("tenant", request.Tenant).With("id", request.WorkerId)
        .With<string[]>("activity_types", [.. request.ActivityTypes])
        .With("max_concurrency", request.MaxConcurrency).With("worker_group", request.WorkerGroup)
        .With("hostname", request.Hostname).With("version", request.Version).With("now", request.Now)))[0];

    public async ValueTask<Worker?> HeartbeatWorkerAsync(WorkerHeartbeatParams request) => (await WorkerRows.ReadAllAsync(session.Statement("HeartbeatWorker")
        .With("tenant", request.Tenant).With("id", request.WorkerId)
        .With("current_load", request.CurrentLoad).With("now", request.Now))).SingleOrDefault();

    public async ValueTask<Worker?> SetWorkerDrainingAsync(SetWorkerDrainingParams request) => (await WorkerRows.ReadAllAsync(session.Statement("SetWorkerDraining")
        .With("tenant", request.Tenant).With("id", request.WorkerId).With("draining", request.Draining))).SingleOrDefault();

    public async ValueTask<int> DeleteWorkerAsync(string tenant, string workerId) =>
        await session.Statement("DeleteWorker").With("tenant", tenant).With("id", workerId).ExecuteNonQueryAsync();

    public async ValueTask<IReadOnlyList<ReleasedTask>> ReleaseWorkerTasksAsync(DeregisterWorkerParams request)
    {
        var released = new List<ReleasedTask>();
        await using var reader = await session.Statement("ReleaseWorkerTasks")
            .With("tenant", request.Tenant).With("worker_id", request.WorkerId).With("now", request.Now)
            .ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            released.Add(new ReleasedTask(reader.GetGuid(0), reader.GetString(1), DurqTaskStatusNames.Parse(reader.GetString(2))));
        }

        return released;
    }

    private static async ValueTask<DurqTask?> SingleAsync(NpgsqlCommand command) => (await TaskRows.ReadAllAsync(command)).SingleOrDefault();

    private static async Task<List<string>> ReadTextsAsync(NpgsqlCommand command)
    {
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    public async ValueTask<bool> InsertScheduleAsync(Schedule schedule) =>
        await session.Statement("InsertSchedule").WithColumns(ScheduleColumns.Of(schedule)).ExecuteNonQueryAsync() == 1;

    public async ValueTask<Schedule?> GetScheduleByNameAsync(string tenant, string name) =>
        (await ScheduleRows.ReadAllAsync(session.Statement("GetScheduleByName").With("tenant", tenant).With("name", name))).SingleOrDefault();

    public async ValueTask<Schedule?> LockScheduleAsync(string tenant, Guid scheduleId) =>
        (await ScheduleRows.ReadAllAsync(session.Statement("LockSchedule").With("tenant", tenant).With("id", scheduleId))).SingleOrDefault();

    public async ValueTask SaveScheduleAsync(Schedule schedule) =>
        await session.Statement("SaveSchedule").WithColumns(ScheduleColumns.Of(schedule)).ExecuteNonQueryAsync();

    public async ValueTask<bool> DeleteScheduleAsync(string tenant, Guid scheduleId)
    {
        await session.Statement("DeleteScheduleExecutions").With("tenant", tenant).With("schedule_id", scheduleId).ExecuteNonQueryAsync();
        return await session.Statement("DeleteSchedule").With("tenant", tenant).With("id", scheduleId).ExecuteNonQueryAsync() == 1;
    }

    public async ValueTask<bool> InsertScheduleExecutionAsync(string tenant, ScheduleExecution execution) =>
        await session.Statement("InsertScheduleExecution").WithColumns(ScheduleColumns.Of(tenant, execution)).ExecuteNonQueryAsync() == 1;

    public async ValueTask<bool> NoteWorkerSilenceAsync(string tenant, string workerId, DateTimeOffset lastHeartbeatAt) =>
        await session.Statement("NoteWorkerSilence")
            .With("tenant", tenant).With("id", workerId).With("last_heartbeat_at", lastHeartbeatAt).ExecuteNonQueryAsync() == 1;

    public async ValueTask<bool> InsertSampleAsync(MetricSample sample) =>
        await session.Statement("InsertSample").WithSample(sample).ExecuteNonQueryAsync() == 1;

    public async ValueTask<int> DeleteSamplesAsync(string tenant, DateTimeOffset before) =>
        await session.Statement("DeleteSamples").With("tenant", tenant).With("before", before).ExecuteNonQueryAsync();

    public async ValueTask InsertApiKeyAsync(ApiKey key) =>
        await session.Statement("InsertApiKey")
            .With("id", key.Id).With("tenant", key.Tenant).With("name", key.Name).With<string[]>("scopes", [.. key.Scopes])
            .With("secret_hash", key.SecretHash).With("created_at", key.CreatedAt).With("expires_at", key.ExpiresAt)
            .ExecuteNonQueryAsync();

    public async ValueTask<ApiKey?> GetApiKeyAsync(string tenant, string keyId) =>
        (await ApiKeyRows.ReadAllAsync(session.Statement("GetApiKey").With("tenant", tenant).With("id", keyId))).SingleOrDefault();

    public async ValueTask<ApiKey?> RevokeApiKeyAsync(RevokeApiKeyParams request) => (await ApiKeyRows.ReadAllAsync(session.Statement("RevokeApiKey")
        .With("tenant", request.Tenant).With("id", request.KeyId).With("now", request.Now))).SingleOrDefault();
}
