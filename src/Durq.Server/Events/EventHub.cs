using System.Globalization;
using System.Threading.Channels;
using Durq.Core.Storage;

namespace Durq.Server.Events;

/// <summary>
/// This node's event stream, fed by <see cref="EventRelay"/>: every change committed anywhere in the cluster gets the
/// next number of this node (its id is <c>{node}-{number}</c>) and goes to each open stream of its tenant. While a
/// stream is open, and for <see cref="Retention"/> after the last one closed, the changes are also kept (at most
/// <see cref="MaxKept"/>, the oldest dropped first) so a stream that resumes with <c>Last-Event-ID</c> is replayed
/// what it missed. Nobody listening, nothing is kept: the write path pays one list per batch, no more.
/// </summary>
internal sealed class EventHub(TimeProvider time)
{
    /// <summary>How long changes are kept for a resume (the contract asks for at least the last minute).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(2);

    /// <summary>Changes kept at most: at 10,000 changes a second, the last 50 s (about 60 MB).</summary>
    public const int MaxKept = 500_000;

    /// <summary>Changes a slow stream may fall behind by before it is ended (its client resumes from its last id).</summary>
    public const int MaxBehind = 10_000;

    private readonly Lock _lock = new();
    private readonly Queue<NumberedEvent> _kept = new();
    private readonly List<EventSubscription> _subscriptions = [];
    private long _last;
    private DateTimeOffset _keepUntil = DateTimeOffset.MinValue;

    /// <summary>Names this node's numbering: an id of another node, or of this node before a restart, cannot resume here.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12];

    /// <summary>Numbers the changes, keeps them while someone may resume, and hands them to the open streams.</summary>
    public void Publish(IReadOnlyList<StoreEvent> changes)
    {
        var at = time.GetUtcNow();
        lock (_lock)
        {
            var keep = _subscriptions.Count > 0 || at < _keepUntil;
            if (!keep)
            {
                // Nobody to hand them to or to keep them for: only the numbering moves on (no event per change).
                _last += changes.Count;
                Prune(at);
                return;
            }

            foreach (var change in changes)
            {
                var numbered = new NumberedEvent(++_last, at, change);
                _kept.Enqueue(numbered);

                foreach (var subscription in _subscriptions)
                {
                    subscription.Offer(numbered);
                }
            }

            Prune(at);
        }
    }

    /// <summary>
    /// Opens a stream of the tenant's changes. With <paramref name="lastEventId"/> it first replays the kept changes
    /// after it; <see cref="EventSubscription.Resumed"/> says false when that id cannot be resumed here (another node's,
    /// too old, malformed), and the stream then starts from now.
    /// </summary>
    public EventSubscription Subscribe(string tenant, string? activityType, string? lastEventId)
    {
        lock (_lock)
        {
            var after = ResumePoint(lastEventId);
            var subscription = new EventSubscription(this, tenant, activityType, after is not null || lastEventId is null);
            if (after is { } from)
            {
                foreach (var kept in _kept.Where(e => e.Number > from))
                {
                    subscription.Offer(kept);
                }
            }

            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    public string IdOf(NumberedEvent change) => Node + "-" + change.Number.ToString(CultureInfo.InvariantCulture);

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (_lock)
        {
            if (_subscriptions.Remove(subscription) && _subscriptions.Count == 0)
            {
                _keepUntil = time.GetUtcNow() + Retention;
            }
        }
    }

    /// <summary>The number to replay after, when the id is this node's and nothing after it has been dropped.</summary>
    private long? ResumePoint(string? lastEventId)
    {
        if (lastEventId is null || !lastEventId.StartsWith(Node + "-", StringComparison.Ordinal)
            || !long.TryParse(lastEventId.AsSpan(Node.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > _last)
        {
            return null;
        }

        // Resumable when every change after it is still kept: the oldest kept follows it directly, or nothing came since.
        var oldest = _kept.TryPeek(out var first) ? first.Number : _last + 1;
        return number + 1 >= oldest ? number : null;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_kept.TryPeek(out var oldest) && (_kept.Count > MaxKept || oldest.At < now - Retention))
        {
            _kept.Dequeue();
        }
    }
}

/// <summary>A change as this node numbered it, with when it heard of it.</summary>
internal sealed record NumberedEvent(long Number, DateTimeOffset At, StoreEvent Change);

/// <summary>One open stream's share of the hub: the changes of its tenant (and activity type, if it asked for one).</summary>
internal sealed class EventSubscription(EventHub hub, string tenant, string? activityType, bool resumed) : IDisposable
{
    private readonly Channel<NumberedEvent> _changes = Channel.CreateBounded<NumberedEvent>(
        new BoundedChannelOptions(EventHub.MaxBehind) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when the stream asked to resume from an id this node could not resume from.</summary>
    public bool Resumed { get; } = resumed;

    /// <summary>The changes, until the stream falls <see cref="EventHub.MaxBehind"/> behind (then it ends).</summary>
    public ChannelReader<NumberedEvent> Changes => _changes.Reader;

    /// <summary>Called under the hub's lock: never blocks; a stream too far behind is ended, for its client to resume.</summary>
    internal void Offer(NumberedEvent change)
    {
        var wanted = change.Change.Tenant == tenant && (activityType is null || change.Change.ActivityType == activityType);
        if (wanted && !_changes.Writer.TryWrite(change))
        {
            _changes.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        _changes.Writer.TryComplete();
        hub.Unsubscribe(this);
    }
}
