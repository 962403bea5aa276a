using System.Diagnostics;
using Hangfire;

namespace Durq.Bench.Peers;

/// <summary>
/// E1: single-job enqueue calls in a loop, from one sequential client or from many concurrent ones. Each call is
/// what <c>BackgroundJob.Enqueue(() =&gt; NoopJob.Run())</c> does, through a client bound to this workload's storage
/// (the static facade caches one client on whatever storage was current at first use, and each workload has its own).
/// </summary>
internal static class EnqueueWorkload
{
    /// <summary>Enqueue latencies (ms) of the measured calls, sorted, and the measured wall time.</summary>
    public sealed record Result(double[] LatenciesMs, TimeSpan Elapsed)
    {
        public double JobsPerSecond => LatenciesMs.Length / Elapsed.TotalSeconds;
    }

    /// <summary>
    /// <paramref name="clients"/> dedicated threads enqueue for the window's warm-up, then for its measured part;
    /// only calls that start inside the measured window count, so a slow call cannot stretch it.
    /// </summary>
    public static Result Run(JobStorage storage, int clients, EnqueueWindow window)
    {
        var client = new BackgroundJobClient(storage);
        var clock = Stopwatch.StartNew();
        var measureFrom = window.WarmUp;
        var measureTo = window.WarmUp + window.Measured;
        var samples = new List<double>[clients];
        var threads = Enumerable.Range(0, clients).Select(i =>
        {
            samples[i] = [];
            // Dedicated threads, not the pool: Hangfire's client blocks on I/O, and 32 blocked pool threads would
            // measure the pool's injection rate rather than the storage.
            var thread = new Thread(() => Loop(client, clock, measureFrom, measureTo, samples[i])) { IsBackground = true };
            thread.Start();
            return thread;
        }).ToList();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        var sorted = samples.SelectMany(s => s).Order().ToArray();
        return new Result(sorted, window.Measured);
    }

    private static void Loop(BackgroundJobClient client, Stopwatch clock, TimeSpan from, TimeSpan to, List<double> samples)
    {
        while (true)
        {
            var start = clock.Elapsed;
            if (start >= to)
            {
                return;
            }

            client.Enqueue(() => NoopJob.Run());
            if (start >= from)
            {
                samples.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        }
    }

    /// <summary>Enqueues <paramref name="count"/> jobs as fast as <paramref name="clients"/> threads can, untimed.</summary>
    public static void Fill(JobStorage storage, int count, int clients, Action<int> progress)
    {
        var client = new BackgroundJobClient(storage);
        var next = 0;
        var threads = Enumerable.Range(0, clients).Select(_ =>
        {
            var thread = new Thread(() =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) <= count)
                {
                    client.Enqueue(() => NoopJob.Run());
                    if (n % 1000 == 0)
                    {
                        progress(n);
                    }
                }
            })
            { IsBackground = true };
            thread.Start();
            return thread;
        }).ToList();
        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
