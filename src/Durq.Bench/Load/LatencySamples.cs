using System.Diagnostics;

namespace Durq.Bench.Load;

/// <summary>
/// Request latencies recorded by many loops into one array allocated up front, so recording costs an increment and a
/// store rather than allocations that would make the load generator compete with the server for the two cores.
/// </summary>
internal sealed class LatencySamples(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;
    private int _failed;

    /// <summary>Successful requests that started inside the measured window (recorded or not, if the array is full).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Requests that started inside the measured window and were refused (not the expected status).</summary>
    public int Failed => Volatile.Read(ref _failed);

    public void Record(long elapsedTicks)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _ticks.Length)
        {
            _ticks[index] = elapsedTicks;
        }
    }

    public void RecordFailure() => Interlocked.Increment(ref _failed);

    /// <summary>The recorded latencies in milliseconds, sorted; call once the loops have ended.</summary>
    public double[] SortedMilliseconds()
    {
        var recorded = Math.Min(Count, _ticks.Length);
        Array.Sort(_ticks, 0, recorded);
        var milliseconds = new double[recorded];
        for (var i = 0; i < recorded; i++)
        {
            milliseconds[i] = _ticks[i] * 1000.0 / Stopwatch.Frequency;
        }

        return milliseconds;
    }
}
