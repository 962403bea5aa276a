using System.CommandLine;
using Durq.Bench.Workloads;

namespace Durq.Bench;

/// <summary>
/// <c>durq bench drain|latency|wake</c>: single measurements against servers that are already running (the suite
/// starts its own), as bench/workers.sh and bench/multinode.sh use them.
/// </summary>
internal static class RunningServerCommands
{
    public static IEnumerable<Command> Create()
    {
        var urls = new Option<Uri[]>("--url")
        {
            Description = "A Durq node; repeat for several nodes (workers are spread over them, one per node).",
            DefaultValueFactory = _ => [new Uri("http://127.0.0.1:8080")],
            CustomParser = result => [.. result.Tokens.Select(t => new Uri(t.Value))],
            AllowMultipleArgumentsPerToken = false,
        };
        var concurrency = new Option<int>("--concurrency") { Description = "DurqWorker concurrency.", DefaultValueFactory = _ => 16 };
        return [DrainCommand(urls, concurrency), LatencyCommand(urls, concurrency), WakeCommand(urls)];
    }

    private static Command DrainCommand(Option<Uri[]> urls, Option<int> concurrency)
    {
        var tasks = new Option<int>("--tasks") { Description = "Tasks to drain.", DefaultValueFactory = _ => 20_000 };
        var command = new Command("drain", "Enqueue --tasks no-op tasks, then time DurqWorkers (one per --url) draining them.") { urls, tasks, concurrency };
        command.SetAction(async result =>
        {
            var (nodes, taskCount, workers) = (result.GetValue(urls)!, result.GetValue(tasks), result.GetValue(concurrency));
            var elapsed = await Drain.MeasureAsync(nodes, taskCount, workers);
            Console.WriteLine(
                $"drain {taskCount} tasks, {nodes.Length} node(s), {nodes.Length} worker(s) x concurrency {workers}: " +
                $"{elapsed.TotalSeconds:F2} s, {taskCount / elapsed.TotalSeconds:F0} tasks/s");
            return 0;
        });
        return command;
    }

    private static Command LatencyCommand(Option<Uri[]> urls, Option<int> concurrency)
    {
        var count = new Option<int>("--count") { Description = "Tasks to time.", DefaultValueFactory = _ => 500 };
        var rate = new Option<int>("--rate") { Description = "Enqueues per second.", DefaultValueFactory = _ => 50 };
        var command = new Command("latency", "With a worker idle, enqueue --count tasks at --rate/s and time enqueue start to handler start.")
        {
            urls, count, rate, concurrency,
        };
        command.SetAction(async result =>
        {
            var (taskCount, perSecond) = (result.GetValue(count), result.GetValue(rate));
            var sorted = await Latency.MeasureAsync(result.GetValue(urls)![0], taskCount, perSecond, result.GetValue(concurrency));
            Console.WriteLine(
                $"latency {taskCount} tasks at {perSecond}/s: p50 {Percentiles.Of(sorted, 0.50):F2} ms, p95 {Percentiles.Of(sorted, 0.95):F2} ms, " +
                $"p99 {Percentiles.Of(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms");
            return 0;
        });
        return command;
    }

    private static Command WakeCommand(Option<Uri[]> urls)
    {
        var rounds = new Option<int>("--rounds") { Description = "Wake-ups to time.", DefaultValueFactory = _ => 100 };
        var command = new Command("wake", "A claim waits on the first --url; an enqueue on the second wakes it. Times enqueue start to claim answer.")
        {
            urls, rounds,
        };
        command.SetAction(result => WakeBenchmark.RunAsync(result.GetValue(urls)!, result.GetValue(rounds)));
        return command;
    }
}
