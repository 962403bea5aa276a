using Durq.Core.Tasks;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Durq.Storage.Sqlite;

/// <summary>
/// <c>Sql/InsertTask.sql</c>, prepared once on the writer's connection and driven through SQLitePCL directly: the one
/// statement of the store that runs once per task of a bulk enqueue. Through <see cref="SqliteCommand"/> every execution
/// looks each parameter up by name and allocates a binder for it, which was a quarter of the writer's time in bulk
/// enqueue; here positions are looked up once and values stay bound until replaced, so a request's shared values are
/// bound once and the options' JSON (the same for most tasks of a batch) once per distinct value. It runs inside
/// whatever transaction the connection has open, as any command on it does.
/// </summary>
internal sealed class TaskInsertStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _tenant, _now, _idempotencyKey, _id, _activityType, _input, _priority, _maxAttempts, _options,
        _visibleAt, _traceparent, _timeoutSeconds, _leaseSeconds, _expiresAt;
    private TaskOptions? _boundOptions;

    public TaskInsertStatement(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, SqlText.Query("InsertTask"), out _statement));
        _tenant = Position("$tenant");
        _now = Position("$now");
        _idempotencyKey = Position("$idempotency_key");
        _id = Position("$id");
        _activityType = Position("$activity_type");
        _input = Position("$input");
        _priority = Position("$priority");
        _maxAttempts = Position("$max_attempts");
        _options = Position("$options");
        _visibleAt = Position("$visible_at");
        _traceparent = Position("$traceparent");
        _timeoutSeconds = Position("$timeout_seconds");
        _leaseSeconds = Position("$lease_seconds");
        _expiresAt = Position("$expires_at");
    }

    /// <summary>Binds what every task of one request shares.</summary>
    public void BindRequest(string tenant, long now, string? idempotencyKey)
    {
        BindText(_tenant, tenant);
        BindInteger(_now, now);
        BindText(_idempotencyKey, idempotencyKey);
    }

    /// <summary>Inserts one task of the request last bound.</summary>
    public void Insert(NewTask task)
    {
        var options = task.Options;
        BindText(_id, TaskIds.Format(task.Id));
        BindText(_activityType, task.ActivityType);
        BindText(_input, task.InputJson);
        BindInteger(_priority, options.Priority);
        BindInteger(_maxAttempts, options.MaxAttempts);
        if (!options.Equals(_boundOptions))
        {
            BindText(_options, TaskOptionsJson.Serialize(options));
            _boundOptions = options;
        }

        BindInteger(_visibleAt, options.RunAt.ToUnixTimeMilliseconds());
        BindText(_traceparent, task.Traceparent);
        BindInteger(_timeoutSeconds, options.TimeoutSeconds);
        BindInteger(_leaseSeconds, options.HeartbeatTimeoutSeconds);
        Check(options.ExpiresAt is { } expiresAt
            ? raw.sqlite3_bind_int64(_statement, _expiresAt, expiresAt.ToUnixTimeMilliseconds())
            : raw.sqlite3_bind_null(_statement, _expiresAt));
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int Position(string name) => raw.sqlite3_bind_parameter_index(_statement, name) is > 0 and var position
        ? position
        : throw new InvalidOperationException($"InsertTask.sql has no parameter {name}.");

    private void BindText(int position, string? value) => Check(value is null
        ? raw.sqlite3_bind_null(_statement, position)
        : raw.sqlite3_bind_text(_statement, position, value));

    private void BindInteger(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    /// <summary>Throws what Microsoft.Data.Sqlite would have thrown, so callers handle constraint failures alike.</summary>
    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(
                $"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(_db));
        }
    }
}
