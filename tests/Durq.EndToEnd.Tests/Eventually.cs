namespace Durq.EndToEnd.Tests;

/// <summary>
/// Waits for a condition about another process (a file it writes, a state it reaches through the API) by checking on
/// a steady tick up to a deadline. Real processes give no signal to wait on, so a bounded check is the honest wait.
/// </summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? within = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await tick.WaitForNextTickAsync();
        }

        throw new TimeoutException($"Timed out waiting for {what}.");
    }

    public static Task HoldsAsync(Func<Task<bool>> probe, string what, TimeSpan? within = null) =>
        ReturnsAsync<object>(async () => await probe() ? what : null, what, within);
}
