namespace Durq.Bench.Peers;

/// <summary>The peer's no-op job, as Durq's drain uses a handler that returns at once.</summary>
internal static class NoopJob
{
    /// <summary>Does nothing: the workloads measure the queue, not the job.</summary>
    public static void Run()
    {
    }
}
