using System.Diagnostics;
using Hangfire;

namespace Durq.Bench.Peers;

/// <summary>
/// D1: <c>jobs</c> no-op jobs already queued with no server running, then one BackgroundJobServer starts; the clock
/// runs from its start until the monitoring API counts all of them succeeded (polled every 50 ms, as Durq's drain
/// polls <c>/health</c>), or until <c>cap</c>, so a slow peer cannot hang the run.
/// </summary>
internal static class DrainWorkload
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How many jobs succeeded in how long; <see cref="Complete"/> is false if the cap stopped the clock.</summary>
    public sealed record Result(long Succeeded, int Jobs, TimeSpan Elapsed)
    {
        public bool Complete => Succeeded >= Jobs;

        public double JobsPerSecond => Succeeded / Elapsed.TotalSeconds;
    }

    public static Result Run(JobStorage storage, int jobs, int workers, int fillClients, TimeSpan cap, Action<string> progress)
    {
        var fill = Stopwatch.StartNew();
        EnqueueWorkload.Fill(storage, jobs, fillClients, n => progress($"D1: enqueued {n:N0}/{jobs:N0}"));
        progress($"D1: {jobs:N0} jobs queued by {fillClients} client(s) in {fill.Elapsed.TotalSeconds:F1} s; starting a server with {workers} workers");

        var monitoring = storage.GetMonitoringApi();
        var before = monitoring.SucceededListCount();
        var clock = Stopwatch.StartNew();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = workers }, storage);
        long succeeded = 0;
        var lastReport = TimeSpan.Zero;
        while (succeeded < jobs && clock.Elapsed < cap)
        {
            Thread.Sleep(PollInterval);
            succeeded = monitoring.SucceededListCount() - before;
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                progress($"D1: {succeeded:N0}/{jobs:N0} succeeded after {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        var result = new Result(succeeded, jobs, clock.Elapsed);
        if (!result.Complete)
        {
            progress($"D1: cap of {cap.TotalMinutes:F0} min reached with {succeeded:N0}/{jobs:N0} succeeded");
        }

        // Stop before the storage is disposed; Dispose waits for the workers to finish their current jobs.
        server.SendStop();
        return result;
    }
}
