using Microsoft.Extensions.Time.Testing;

namespace Durq.Client.Tests;

/// <summary>
/// Waits for a condition that has no signal of its own (a task's status on the server), by looking again on a short
/// <see cref="PeriodicTimer"/> until a generous deadline. Given a fake clock, it also moves that clock a step per look,
/// which is what lets the worker's and the server's timers (heartbeats, backoff, long-poll) fire.
/// </summary>
internal static class WaitUntil
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LookEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>Looks until <paramref name="condition"/> holds, then returns its last value; fails the test after 30 s.</summary>
    public static async Task<T> ConditionAsync<T>(
        Func<Task<T>> look, Func<T, bool> condition, string what, FakeTimeProvider? clock = null, TimeSpan? clockStep = null)
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

            clock?.Advance(clockStep ?? TimeSpan.FromMilliseconds(500));
            last = await look();
        }

        return last;
    }

    /// <summary>Waits for <paramref name="signal"/>, moving <paramref name="clock"/> a step at a time meanwhile; fails the test after 30 s.</summary>
    public static async Task SignalAsync(Task signal, string what, FakeTimeProvider clock, TimeSpan? clockStep = null)
    {
        await ConditionAsync(() => Task.FromResult(signal.IsCompleted), done => done, what, clock, clockStep);
        await signal;
    }

    /// <summary>Waits for <paramref name="signal"/> without moving any clock; fails the test after 30 s.</summary>
    public static async Task SignalAsync(Task signal, string what)
    {
        try
        {
            await signal.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {Deadline.TotalSeconds} s for {what}.");
            throw;
        }
    }
}
