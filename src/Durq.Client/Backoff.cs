namespace Durq.Client;

/// <summary>How long the worker waits after consecutive failures to reach the server: 1 s, 2 s, 4 s, … up to 30 s, ±20 %.</summary>
internal static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    /// <param name="failures">Failures in a row, 1 or more.</param>
    public static TimeSpan Delay(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 10);
        var delay = TimeSpan.FromTicks(Math.Min(First.Ticks << doublings, Cap.Ticks));
        // Jitter keeps a fleet of workers that lost the server together from coming back in lockstep.
        return delay * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }
}
