namespace Durq.Client;

/// <summary>
/// How many tasks a worker may claim now: one per free handler slot, plus up to <c>prefetch</c> more that wait in the
/// worker until a slot frees. Claiming ahead makes each claim and each completion batch carry more tasks, so a busy
/// worker of short tasks needs fewer requests and the server fewer commits per task. A task claimed ahead holds its
/// lease and its timeout runs while it waits, so the worker claims ahead only as many as its handlers, at their
/// average pace, start within <see cref="WaitBudget"/>: hundreds for tasks of a millisecond, none for tasks of seconds.
/// </summary>
internal sealed class ClaimCapacity(int concurrency, int prefetch)
{
    /// <summary>How long a task claimed ahead should wait for a slot, on average; a quarter of the shortest lease (1 s).</summary>
    public static readonly TimeSpan WaitBudget = TimeSpan.FromMilliseconds(250);

    // Weight of the newest handler time in the moving average: about the last 20 handlers count.
    private const double NewestWeight = 0.05;

    private readonly Lock _gate = new();
    private int _held; // claimed, or being claimed, and not yet finished
    private double _averageHandlerMs = double.PositiveInfinity; // no claiming ahead until handlers have been timed
    private TaskCompletionSource? _freed;

    /// <summary>Tasks claimed (or being claimed) and not yet finished.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>Waits until the worker may claim at least one task, then takes all it may claim now, up to <paramref name="most"/>.</summary>
    public async Task<int> TakeAsync(int most, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task freed;
            lock (_gate)
            {
                var free = Limit - _held;
                if (free > 0)
                {
                    var taken = Math.Min(free, most);
                    _held += taken;
                    return taken;
                }

                _freed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                freed = _freed.Task;
            }

            await freed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Gives back what a claim took and did not fill.</summary>
    public void Return(int count)
    {
        if (count > 0)
        {
            lock (_gate)
            {
                _held -= count;
                SignalFreed();
            }
        }
    }

    /// <summary>A handler ended after <paramref name="handlerTime"/>: its task no longer counts, and the average learns.</summary>
    public void Finished(TimeSpan handlerTime)
    {
        lock (_gate)
        {
            var milliseconds = handlerTime.TotalMilliseconds;
            _averageHandlerMs = double.IsPositiveInfinity(_averageHandlerMs)
                ? milliseconds
                : _averageHandlerMs + (NewestWeight * (milliseconds - _averageHandlerMs));
            _held--;
            SignalFreed();
        }
    }

    private int Limit => concurrency + AheadRoom;

    /// <summary>Tasks a slot's handlers get through within the wait budget, times the slots, at most <c>prefetch</c>.</summary>
    private int AheadRoom => (int)Math.Min(prefetch, concurrency * WaitBudget.TotalMilliseconds / Math.Max(_averageHandlerMs, 0.001));

    private void SignalFreed()
    {
        _freed?.TrySetResult();
        _freed = null;
    }
}
