namespace Durq.Core.Tasks;

/// <summary>One value per <see cref="TaskOptionFields.All"/> entry, filled in by the parser or the stored-JSON reader.</summary>
internal sealed class TaskOptionValues
{
    private readonly object?[] _values = new object?[TaskOptionFields.All.Count];
    private readonly bool[] _set = new bool[TaskOptionFields.All.Count];

    /// <summary>Sets a field's value; only an optional field may be set to none.</summary>
    public void Set(TaskOptionField field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value is null && !field.IsOptional)
        {
            throw new ArgumentNullException(nameof(value), $"Task option '{field.Path}' always has a value.");
        }

        _values[field.Index] = value;
        _set[field.Index] = true;
    }

    public long Get(IntegerOptionField field) => (long)Value(field)!;

    public double Get(NumberOptionField field) => (double)Value(field)!;

    public DateTimeOffset Get(TimeOptionField field) => (DateTimeOffset)Value(field)!;

    public IReadOnlyList<string> Get(StringListOptionField field) => (IReadOnlyList<string>)Value(field)!;

    public long? Get(OptionalIntegerOptionField field) => (long?)Value(field);

    public DateTimeOffset? Get(OptionalTimeOptionField field) => (DateTimeOffset?)Value(field);

    private object? Value(TaskOptionField field) =>
        _set[field.Index] ? _values[field.Index] : throw new InvalidOperationException($"Task option '{field.Path}' was never read.");
}
