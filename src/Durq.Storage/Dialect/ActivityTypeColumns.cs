using Durq.Core.FlowControl;

namespace Durq.Storage.Dialect;

/// <summary>
/// How an <see cref="ActivityTypeState"/> maps onto the columns of <c>durq_activity_types</c>, written once for every
/// dialect: the parameters of <c>SaveActivityType.sql</c>, and a row read back through a dialect's <see cref="IColumnReader"/>.
/// </summary>
internal static class ActivityTypeColumns
{
    /// <summary>Every column's parameter (named as the column), with its CLR type for dialects that type their nulls.</summary>
    public static IReadOnlyList<ColumnValue> Of(ActivityTypeState type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var settings = type.Settings;
        var circuit = type.Circuit;
        return
        [
            new("tenant", type.Tenant, typeof(string)),
            new("activity_type", type.ActivityType, typeof(string)),
            new("paused", settings.Paused, typeof(bool)),
            new("max_concurrency", settings.MaxConcurrency, typeof(int)),
            new("rate_per_second", settings.RateLimit?.PerSecond, typeof(double)),
            new("rate_burst", settings.RateLimit?.Burst, typeof(int)),
            new("rate_tokens", type.Bucket?.Tokens, typeof(double)),
            new("rate_refilled_at", type.Bucket?.RefilledAt, typeof(DateTimeOffset)),
            new("circuit_failure_threshold", settings.Circuit?.FailureThreshold, typeof(int)),
            new("circuit_open_seconds", settings.Circuit?.OpenSeconds, typeof(int)),
            new("circuit_state", circuit.State.ToWire(), typeof(string)),
            new("circuit_failures", circuit.ConsecutiveFailures, typeof(int)),
            new("circuit_opened_at", circuit.OpenedAt, typeof(DateTimeOffset)),
            new("circuit_probe_task_id", circuit.ProbeTaskId, typeof(Guid)),
            new("circuit_forced", circuit.Forced, typeof(bool)),
            new("circuit_changed_at", circuit.ChangedAt, typeof(DateTimeOffset)),
            new("updated_at", type.UpdatedAt, typeof(DateTimeOffset)),
        ];
    }

    public static ActivityTypeState Read(IColumnReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var rate = row.Real("rate_per_second") is { } perSecond ? new RateLimit(perSecond, (int)row.Integer("rate_burst")!.Value) : null;
        var circuitSettings = row.Integer("circuit_failure_threshold") is { } threshold
            ? new CircuitSettings((int)threshold, (int)row.Integer("circuit_open_seconds")!.Value)
            : null;
        var settings = new ActivityTypeSettings(row.Flag("paused"), (int?)row.Integer("max_concurrency"), rate, circuitSettings);
        var bucket = row.Real("rate_tokens") is { } tokens ? new TokenBucket(tokens, row.Time("rate_refilled_at")!.Value) : null;
        var circuit = new Circuit(
            CircuitStateNames.Parse(row.Text("circuit_state")!), (int)row.Integer("circuit_failures")!.Value, row.Time("circuit_opened_at"),
            row.Id("circuit_probe_task_id"), row.Flag("circuit_forced"), row.Time("circuit_changed_at"));
        return new ActivityTypeState(row.Text("tenant")!, row.Text("activity_type")!, settings, bucket, circuit, row.Time("updated_at")!.Value);
    }
}

/// <summary>One column's parameter: its name, its value (null for NULL) and the type its non-null values have.</summary>
internal sealed record ColumnValue(string Name, object? Value, Type Type);

/// <summary>A dialect's current row, column by name, in the forms the columns of a shared mapping need.</summary>
internal interface IColumnReader
{
    string? Text(string column);

    long? Integer(string column);

    double? Real(string column);

    bool Flag(string column);

    DateTimeOffset? Time(string column);

    Guid? Id(string column);
}
