namespace Durq.Core.Tasks;

/// <summary>
/// The closed set of states a task can be in. The store schemas hold the same set in a CHECK constraint.
/// <c>pending → claimed → completed | pending (retry) | dead</c>, plus <c>cancelled</c>; <c>dead</c> is the dead-letter queue.
/// </summary>
public enum DurqTaskStatus
{
    Pending,
    Claimed,
    Completed,
    Dead,
    Cancelled,
}

/// <summary>Translates <see cref="DurqTaskStatus"/> to and from its wire and storage name.</summary>
internal static class DurqTaskStatusNames
{
    public static string ToWire(this DurqTaskStatus status) => status switch
    {
        DurqTaskStatus.Pending => "pending",
        DurqTaskStatus.Claimed => "claimed",
        DurqTaskStatus.Completed => "completed",
        DurqTaskStatus.Dead => "dead",
        DurqTaskStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown task status."),
    };

    public static bool TryParse(string? name, out DurqTaskStatus status)
    {
        switch (name)
        {
            case "pending": status = DurqTaskStatus.Pending; return true;
            case "claimed": status = DurqTaskStatus.Claimed; return true;
            case "completed": status = DurqTaskStatus.Completed; return true;
            case "dead": status = DurqTaskStatus.Dead; return true;
            case "cancelled": status = DurqTaskStatus.Cancelled; return true;
            default: status = default; return false;
        }
    }

    public static DurqTaskStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"'{name}' is not a task status.");

    /// <summary>Every wire name, in state-machine order; used in messages that list the allowed values.</summary>
    public static IReadOnlyList<string> All { get; } = ["pending", "claimed", "completed", "dead", "cancelled"];
}
