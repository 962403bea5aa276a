using System.Text.Json;

namespace Durq.Core.Tasks;

/// <summary>A whole number from <see cref="Minimum"/> to <see cref="Maximum"/>; read and stored as a 64-bit integer.</summary>
internal sealed class IntegerOptionField(
    string path, long minimum, long maximum, long defaultValue, string description, Func<TaskOptions, long> get)
    : TaskOptionField(path, TaskOptionKind.WholeNumber, description)
{
    public long Minimum { get; } = minimum;
    public long Maximum { get; } = maximum;
    public long Default { get; } = defaultValue;
    public override object? DefaultValue => Default;

    /// <summary>
    /// An option of the same object this one may not be below (<c>max_interval_ms</c> ≥ <c>initial_interval_ms</c>);
    /// when this one is left out, a larger value of that option raises its default rather than contradict it.
    /// </summary>
    public IntegerOptionField? NotBelow { get; init; }

    internal override void WriteStored(Utf8JsonWriter writer, TaskOptions options) => writer.WriteNumber(Name, get(options));

    internal override object ReadStored(JsonElement member) => member.GetInt64();
}

/// <summary>A finite number from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
internal sealed class NumberOptionField(
    string path, double minimum, double maximum, double defaultValue, string description, Func<TaskOptions, double> get)
    : TaskOptionField(path, TaskOptionKind.Number, description)
{
    public double Minimum { get; } = minimum;
    public double Maximum { get; } = maximum;
    public double Default { get; } = defaultValue;
    public override object? DefaultValue => Default;

    internal override void WriteStored(Utf8JsonWriter writer, TaskOptions options) => writer.WriteNumber(Name, get(options));

    internal override object ReadStored(JsonElement member) => member.GetDouble();
}

/// <summary>An RFC 3339 time at most <see cref="MaxSecondsAhead"/> from now; its default depends on the request.</summary>
internal sealed class TimeOptionField(string path, double maxSecondsAhead, string description, Func<TaskOptions, DateTimeOffset> get)
    : TaskOptionField(path, TaskOptionKind.Time, description)
{
    public double MaxSecondsAhead { get; } = maxSecondsAhead;
    public override object? DefaultValue => null;

    internal override void WriteStored(Utf8JsonWriter writer, TaskOptions options) => writer.WriteString(Name, Rfc3339.Format(get(options)));

    internal override object ReadStored(JsonElement member) => member.GetDateTimeOffset();
}

/// <summary>At most <see cref="MaxItems"/> non-empty strings of at most <see cref="MaxLength"/> characters; default none.</summary>
internal sealed class StringListOptionField(
    string path, int maxItems, int maxLength, string description, Func<TaskOptions, IReadOnlyList<string>> get)
    : TaskOptionField(path, TaskOptionKind.StringList, description)
{
    public int MaxItems { get; } = maxItems;
    public int MaxLength { get; } = maxLength;
    public override object? DefaultValue => Array.Empty<string>();

    internal override void WriteStored(Utf8JsonWriter writer, TaskOptions options)
    {
        writer.WriteStartArray(Name);
        foreach (var item in get(options))
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    internal override object ReadStored(JsonElement member) =>
        (IReadOnlyList<string>)[.. member.EnumerateArray().Select(item => item.GetString()!)];
}

/// <summary>A whole number from <see cref="Minimum"/> to <see cref="Maximum"/>, or none (the default).</summary>
internal sealed class OptionalIntegerOptionField(string path, long minimum, long maximum, string description, Func<TaskOptions, long?> get)
    : TaskOptionField(path, TaskOptionKind.WholeNumber, description)
{
    public long Minimum { get; } = minimum;
    public long Maximum { get; } = maximum;
    public override object? DefaultValue => null;
    public override bool IsOptional => true;

    internal override void WriteStored(Utf8JsonWriter writer, TaskOptions options)
    {
        if (get(options) is { } value)
        {
            writer.WriteNumber(Name, value);
        }
    }

    internal override object? ReadStored(JsonElement member) => member.ValueKind == JsonValueKind.Null ? null : member.GetInt64();
}

/// <summary>An RFC 3339 time, or none (the default).</summary>
internal sealed class OptionalTimeOptionField(string path, string description, Func<TaskOptions, DateTimeOffset?> get)
    : TaskOptionField(path, TaskOptionKind.Time, description)
{
    public override object? DefaultValue => null;
    public override bool IsOptional => true;

    internal override void WriteStored(Utf8JsonWriter writer, TaskOptions options)
    {
        if (get(options) is { } time)
        {
            writer.WriteString(Name, Rfc3339.Format(time));
        }
    }

    internal override object? ReadStored(JsonElement member) => member.ValueKind == JsonValueKind.Null ? null : member.GetDateTimeOffset();
}
