namespace Durq.Core.Storage;

/// <summary>
/// A store that tells what its commits changed, task by task, for the event stream: this node's commits as they
/// happen (<see cref="EventsCommitted"/>, raised on the writer's loop, so a handler must only hand them on), and, with
/// a store shared by several nodes, the changes other nodes committed (<see cref="ListenForEventsAsync"/>).
/// </summary>
internal interface ITaskEventSource
{
    /// <summary>The changes of one committed batch of this node, in the order they were made.</summary>
    event EventHandler<IReadOnlyList<StoreEvent>>? EventsCommitted;

    /// <summary>
    /// The changes other nodes commit, as they are told (reconnecting by itself; changes told while disconnected are
    /// lost). A store with one node yields nothing and ends when cancelled.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<StoreEvent>> ListenForEventsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One committed change: a task's (<see cref="StoreEventKinds.Task"/>: <see cref="Change"/> is what happened to
/// <see cref="TaskId"/>) or a circuit breaker's (<see cref="StoreEventKinds.Circuit"/>: <see cref="Change"/> is the
/// state it moved to, <see cref="From"/> the one it left).
/// </summary>
internal sealed record StoreEvent(string Tenant, string Kind, string Change, string ActivityType, Guid? TaskId = null, string? From = null);

/// <summary>The kinds of <see cref="StoreEvent"/>, and what can happen to a task.</summary>
internal static class StoreEventKinds
{
    public const string Task = "task";
    public const string Circuit = "circuit";

    public const string Enqueued = "enqueued";
    public const string Claimed = "claimed";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Dead = "dead";
    public const string Cancelled = "cancelled";
}
