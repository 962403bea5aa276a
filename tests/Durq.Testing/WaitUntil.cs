using Microsoft.Extensions.Time.Testing;

namespace Durq.Testing;

/// <summary>
/// Waits for a condition that has no signal of its own (a task's status on a server, a file another process writes)
/// by looking again on a short <see cref="PeriodicTimer"/> until a generous deadline, then fails the test with what the
/// last look saw. Given a fake clock, it also moves that clock a step per look, which is what lets the timers that run
/// on it (heartbeats, backoff, long-poll) fire.
/// </summary>
public static class WaitUntil
{
    /// <summary>How long a wait lasts unless the caller names another deadline; generous, as the machine's cores are shared.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LookEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan DefaultClockStep = TimeSpan.FromMilliseconds(500);

    /// <summary>Looks until <paramref name="condition"/> holds, then returns the last look; fails the test at the deadline.</summary>
    public static async Task<T> ConditionAsync<T>(
        Func<Task<T>> look, Func<T, bool> condition, string what,
        FakeTimeProvider? clock = null, TimeSpan? clockStep = null, TimeSpan? within = null)
    {
        var deadlineAfter = within ?? DefaultDeadline;
        using var timer = new PeriodicTimer(LookEvery);
        using var deadline = new CancellationTokenSource(deadlineAfter);
        var last = await look();
        while (!condition(last))
        {
            if (!await timer.WaitForNextTickAsync(CancellationToken.None) || deadline.IsCancellationRequested)
            {
                Assert.Fail($"Waited {deadlineAfter.TotalSeconds} s for {what}; the last look saw: {last}");
            }

            clock?.Advance(clockStep ?? DefaultClockStep);
            last = await look();
        }

        return last;
    }

    /// <summary>Looks until <paramref name="look"/> answers true; fails the test at the deadline.</summary>
    public static Task HoldsAsync(Func<Task<bool>> look, string what, TimeSpan? within = null) =>
        ConditionAsync(look, holds => holds, what, within: within);

    /// <summary>Waits for <paramref name="signal"/>, moving <paramref name="clock"/> a step at a time meanwhile; fails the test at the deadline.</summary>
    public static async Task SignalAsync(Task signal, string what, FakeTimeProvider clock, TimeSpan? clockStep = null)
    {
        await ConditionAsync(() => Task.FromResult(signal.IsCompleted), done => done, what, clock, clockStep);
        await signal;
    }

    /// <summary>Waits for <paramref name="signal"/> without moving any clock; fails the test at the deadline.</summary>
    public static async Task SignalAsync(Task signal, string what)
    {
        try
        {
            await signal.WaitAsync(DefaultDeadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {DefaultDeadline.TotalSeconds} s for {what}.");
            throw;
        }
    }
}
