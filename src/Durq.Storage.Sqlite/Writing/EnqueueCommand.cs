using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite.Writing;

/// <summary>Stores a request's tasks all-or-nothing, honouring its idempotency key and the tenant's cap.</summary>
internal sealed class EnqueueCommand(EnqueueParams request) : WriteCommand<EnqueueResult>
{
    /// <summary>How long a caller refused by a full queue is told to wait.</summary>
    public const int QueueFullRetryAfterSeconds = 5;

    protected override EnqueueResult Run(WriteContext context)
    {
        if (request.Idempotency is { } key && FindEarlierRequest(context, key) is { } replay)
        {
            return replay;
        }

        EnsureRoomFor(context);
        var now = request.Now.ToUnixTimeMilliseconds();
        var insert = new TaskInsert(context, request, now);
        foreach (var task in request.Tasks)
        {
            insert.Run(task);
        }

        if (request.Idempotency is { } newKey)
        {
            RememberKey(context, newKey, now);
        }

        context.AdjustPending(request.Tenant, request.Tasks.Count);
        return new EnqueueResult([.. request.Tasks.Select(t => t.Id)], Replayed: false);
    }

    private EnqueueResult? FindEarlierRequest(WriteContext context, IdempotencyKey key)
    {
        var command = context.Statement("FindIdempotencyKey");
        command.Parameters.AddWithValue("$tenant", request.Tenant);
        command.Parameters.AddWithValue("$key", key.Key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var fingerprint = reader.GetString(0);
        var ids = reader.GetString(1).Split(',').Select(Guid.Parse).ToList();
        return fingerprint == key.RequestFingerprint
            ? new EnqueueResult(ids, Replayed: true)
            : throw new IdempotencyKeyReusedException(key.Key, ids[0]);
    }

    private void EnsureRoomFor(WriteContext context)
    {
        if (request.MaxPending <= 0)
        {
            return;
        }

        var pending = context.PendingCount(request.Tenant);
        if (pending + request.Tasks.Count > request.MaxPending)
        {
            throw new QueueFullException(pending, request.MaxPending, QueueFullRetryAfterSeconds);
        }
    }

    private void RememberKey(WriteContext context, IdempotencyKey key, long now)
    {
        var command = context.Statement("InsertIdempotencyKey");
        command.Parameters.AddWithValue("$tenant", request.Tenant);
        command.Parameters.AddWithValue("$key", key.Key);
        command.Parameters.AddWithValue("$request_fingerprint", key.RequestFingerprint);
        command.Parameters.AddWithValue("$task_ids", string.Join(',', request.Tasks.Select(t => TaskIds.Format(t.Id))));
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The insert statement of one request, its parameters made once and only their values set per task; the tasks of
    /// a batch mostly share their options, so the options' JSON is written once per distinct value.
    /// </summary>
    private sealed class TaskInsert
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _id;
        private readonly SqliteParameter _activityType;
        private readonly SqliteParameter _input;
        private readonly SqliteParameter _priority;
        private readonly SqliteParameter _maxAttempts;
        private readonly SqliteParameter _options;
        private readonly SqliteParameter _visibleAt;
        private readonly SqliteParameter _traceparent;
        private readonly SqliteParameter _timeoutSeconds;
        private readonly SqliteParameter _leaseSeconds;
        private TaskOptions? _lastOptions;

        public TaskInsert(WriteContext context, EnqueueParams request, long now)
        {
            _command = context.Statement("InsertTask")
                .With("$tenant", request.Tenant).With("$now", now)
                .With("$idempotency_key", request.Idempotency?.Key);
            var parameters = _command.Parameters;
            _id = parameters.Add("$id", SqliteType.Text);
            _activityType = parameters.Add("$activity_type", SqliteType.Text);
            _input = parameters.Add("$input", SqliteType.Text);
            _priority = parameters.Add("$priority", SqliteType.Integer);
            _maxAttempts = parameters.Add("$max_attempts", SqliteType.Integer);
            _options = parameters.Add("$options", SqliteType.Text);
            _visibleAt = parameters.Add("$visible_at", SqliteType.Integer);
            _traceparent = parameters.Add("$traceparent", SqliteType.Text);
            _timeoutSeconds = parameters.Add("$timeout_seconds", SqliteType.Integer);
            _leaseSeconds = parameters.Add("$lease_seconds", SqliteType.Integer);
        }

        public void Run(NewTask task)
        {
            var options = task.Options;
            _id.Value = TaskIds.Format(task.Id);
            _activityType.Value = task.ActivityType;
            _input.Value = task.InputJson;
            _priority.Value = options.Priority;
            _maxAttempts.Value = options.MaxAttempts;
            if (!options.Equals(_lastOptions))
            {
                _options.Value = TaskOptionsJson.Serialize(options);
                _lastOptions = options;
            }

            _visibleAt.Value = options.RunAt.ToUnixTimeMilliseconds();
            _traceparent.Value = (object?)task.Traceparent ?? DBNull.Value;
            _timeoutSeconds.Value = options.TimeoutSeconds;
            _leaseSeconds.Value = options.HeartbeatTimeoutSeconds;
            _command.ExecuteNonQuery();
        }
    }
}
