using System.Diagnostics;
using Durq.Core.Storage;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// What one store's <see cref="ITaskWakeupSource.ListenAsync"/> hears. One read is always outstanding, so listening
/// starts at once. Every test's store announces on the same database, so callers look for their own tenant's work.
/// </summary>
internal sealed class Listening : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IAsyncEnumerator<WorkAvailable> _heard;
    private Task<bool> _next;

    public Listening(ITaskWakeupSource source)
    {
        _heard = source.ListenAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);
        _next = _heard.MoveNextAsync().AsTask();
    }

    /// <summary>The next work announced for <paramref name="tenant"/>; fails the test if none comes <paramref name="within"/>.</summary>
    public async Task<WorkAvailable> NextForAsync(string tenant, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.True(await _next.WaitAsync(within - clock.Elapsed), "ListenAsync ended before it was cancelled.");
            var work = _heard.Current;
            _next = _heard.MoveNextAsync().AsTask();
            if (work.Tenant == tenant)
            {
                return work;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _next;
        }
        catch (OperationCanceledException)
        {
            // Listening ends by cancellation, as the contract says.
        }

        await _heard.DisposeAsync();
        _stop.Dispose();
    }
}
