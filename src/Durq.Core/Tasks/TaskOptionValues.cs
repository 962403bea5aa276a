namespace Durq.Core.Tasks;

/// <summary>One value per <see cref="TaskOptionFields.All"/> entry, filled in by the parser or the stored-JSON reader.</summary>
internal sealed class TaskOptionValues
{
    private readonly object?[] _values = new object?[TaskOptionFields.All.Count];

    public void Set(TaskOptionField field, object value) => _values[field.Index] = value;

    public long Get(IntegerOptionField field) => (long)Value(field);

    public double Get(NumberOptionField field) => (double)Value(field);

    public DateTimeOffset Get(TimeOptionField field) => (DateTimeOffset)Value(field);

    public IReadOnlyList<string> Get(StringListOptionField field) => (IReadOnlyList<string>)Value(field);

    private object Value(TaskOptionField field) =>
        _values[field.Index] ?? throw new InvalidOperationException($"Task option '{field.Path}' was never read.");
}
