namespace Durq.Samples.Worker;

/// <summary>
/// Input of <c>sample.sleep</c>: how long to sleep, in milliseconds, and optionally how long on a retry — so a demo
/// (or a test) can kill the worker in the middle of a long first attempt and watch another worker finish the task.
/// </summary>
public sealed record SleepInput(int Ms, int? RetryMs = null)
{
    public int For(int attempt) => attempt > 1 && RetryMs is { } retry ? retry : Ms;
}
