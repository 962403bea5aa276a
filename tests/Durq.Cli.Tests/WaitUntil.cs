namespace Durq.Cli.Tests;

/// <summary>
/// Waits for a condition that has no signal of its own (a task's status on the server) by looking again on a short
/// <see cref="PeriodicTimer"/> until a generous deadline.
/// </summary>
internal static class WaitUntil
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LookEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>Looks until <paramref name="condition"/> holds, then returns the last look; fails the test after 30 s.</summary>
    public static async Task<T> ConditionAsync<T>(Func<Task<T>> look, Func<T, bool> condition, string what)
    {
        using var timer = new PeriodicTimer(LookEvery);
        using var deadline = new CancellationTokenSource(Deadline);
        var last = await look();
        while (!condition(last))
        {
            if (!await timer.WaitForNextTickAsync(CancellationToken.None) || deadline.IsCancellationRequested)
            {
                Assert.Fail($"Waited {Deadline.TotalSeconds} s for {what}; the last look saw: {last}");
            }

            last = await look();
        }

        return last;
    }
}
