using System.Text.Json;

namespace Durq.Core.Tasks;

/// <summary>The JSON kind of a task option; it decides how the option is parsed, stored and described in OpenAPI.</summary>
internal enum TaskOptionKind
{
    WholeNumber,
    Number,
    Time,
    StringList,
}

/// <summary>
/// One task option as <see cref="TaskOptionFields"/> declares it: where it sits on the wire, its kind, range, default
/// and description. The enqueue parser, the stored JSON, the OpenAPI schema and the read-back all work from these.
/// </summary>
internal abstract class TaskOptionField
{
    private protected TaskOptionField(string path, TaskOptionKind kind, string description)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        Path = path;
        Group = dot < 0 ? null : path[..dot];
        Name = path[(dot + 1)..];
        Kind = kind;
        Description = description;
    }

    /// <summary>The JSON path under <c>options</c>, e.g. <c>retry.jitter</c>.</summary>
    public string Path { get; }

    /// <summary>The object the member sits in (<c>retry</c>), or null for a member of <c>options</c> itself.</summary>
    public string? Group { get; }

    /// <summary>The member name within its object, e.g. <c>jitter</c>.</summary>
    public string Name { get; }

    public TaskOptionKind Kind { get; }

    public string Description { get; }

    /// <summary>The default as a JSON value, or null where it depends on the request (<c>run_at</c> is now + delay).</summary>
    public abstract object? DefaultValue { get; }

    /// <summary>Whether the option may have no value at all (its default is "none", not a value).</summary>
    public virtual bool IsOptional => false;

    /// <summary>Position in <see cref="TaskOptionFields.All"/>, the slot of its value in <see cref="TaskOptionValues"/>.</summary>
    internal int Index { get; set; }

    internal abstract void WriteStored(Utf8JsonWriter writer, TaskOptions options);

    /// <summary>Reads the stored member; it was validated on enqueue, so no range is checked again.</summary>
    internal abstract object? ReadStored(JsonElement member);
}
