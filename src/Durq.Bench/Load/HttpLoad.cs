using System.Diagnostics;
using System.Net;

namespace Durq.Bench.Load;

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> loops, each on a keep-alive connection of its own, POST the
/// same body back to back. Only requests that start inside the measured window (after the warm-up) count, so a slow
/// request cannot stretch it; the same rule as the Hangfire peer's enqueue workload. Every connection first sends one
/// request before the clock starts, so a cold first request (JIT, connection set-up: over a second for a batch of
/// 1,000 on a busy machine) cannot outlast a short warm-up and window and leave nothing measured.
/// </summary>
internal static class HttpLoad
{
    // Room for far more requests a second than the fastest E1 in docs/BENCHMARKS.md; past it, latencies go unrecorded.
    private const int SamplesPerSecond = 100_000;

    /// <param name="apiKey">Sent as <c>Authorization: Bearer</c> on every request, when given.</param>
    public static async Task<LoadResult> RunAsync(
        Uri target, byte[] body, HttpStatusCode expected, int connections, TimeSpan warmUp, TimeSpan window, string? apiKey = null)
    {
        using var invoker = new HttpMessageInvoker(LeanHandler(connections));
        var samples = new LatencySamples((int)Math.Max(SamplesPerSecond, window.TotalSeconds * SamplesPerSecond));
        await PrimeAsync(invoker, target, body, apiKey, connections);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var loop = new RequestLoop(invoker, target, body, expected, apiKey, samples, measureFrom, measureTo);
        var loops = new Task[connections];
        for (var i = 0; i < connections; i++)
        {
            loops[i] = Task.Run(loop.RunAsync);
        }

        await Task.WhenAll(loops);
        return new LoadResult(samples.Count, samples.Failed, window, samples.SortedMilliseconds());
    }

    /// <summary>One unmeasured request on each of the <paramref name="connections"/> connections, all at once.</summary>
    private static async Task PrimeAsync(HttpMessageInvoker invoker, Uri target, byte[] body, string? apiKey, int connections) =>
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => SendAsync(invoker, target, body, apiKey, new byte[4096])));

    /// <summary>One POST of <paramref name="body"/>; the response is read to its end into <paramref name="buffer"/>.</summary>
    private static async Task<HttpStatusCode> SendAsync(HttpMessageInvoker invoker, Uri target, byte[] body, string? apiKey, byte[] buffer)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        }

        using var response = await invoker.SendAsync(request, CancellationToken.None);
        await using var stream = await response.Content.ReadAsStreamAsync();
        while (await stream.ReadAsync(buffer) > 0)
        {
        }

        return response.StatusCode;
    }

    /// <summary>One connection per loop, and none of the per-request extras a load generator does not need.</summary>
    private static SocketsHttpHandler LeanHandler(int connections) => new()
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ActivityHeadersPropagator = null,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    };

    private sealed class RequestLoop(
        HttpMessageInvoker invoker, Uri target, byte[] body, HttpStatusCode expected, string? apiKey, LatencySamples samples, long measureFrom, long measureTo)
    {
        public async Task RunAsync()
        {
            // Responses are tiny; reading them into one buffer per loop lets the connection go back to the pool.
            var buffer = new byte[4096];
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measureTo)
                {
                    return;
                }

                var ok = await SendAsync(invoker, target, body, apiKey, buffer) == expected;
                var elapsed = Stopwatch.GetTimestamp() - started;
                if (started < measureFrom)
                {
                    continue;
                }

                if (ok)
                {
                    samples.Record(elapsed);
                }
                else
                {
                    samples.RecordFailure();
                }
            }
        }
    }
}
