using System.CommandLine;
using Durq.Bench;

var urls = new Option<Uri[]>("--url")
{
    Description = "A Durq node; repeat for several nodes (workers are spread over them, one per node).",
    DefaultValueFactory = _ => [new Uri("http://127.0.0.1:8080")],
    CustomParser = result => [.. result.Tokens.Select(t => new Uri(t.Value))],
    AllowMultipleArgumentsPerToken = false,
};
var tasks = new Option<int>("--tasks") { Description = "Tasks to drain.", DefaultValueFactory = _ => 20_000 };
var concurrency = new Option<int>("--concurrency") { Description = "DurqWorker concurrency.", DefaultValueFactory = _ => 16 };
var count = new Option<int>("--count") { Description = "Tasks to time.", DefaultValueFactory = _ => 500 };
var rate = new Option<int>("--rate") { Description = "Enqueues per second.", DefaultValueFactory = _ => 50 };
var rounds = new Option<int>("--rounds") { Description = "Wake-ups to time.", DefaultValueFactory = _ => 100 };

var drain = new Command("drain", "Enqueue --tasks no-op tasks, then time DurqWorkers (one per --url) draining them.") { urls, tasks, concurrency };
drain.SetAction(result => DrainBenchmark.RunAsync(result.GetValue(urls)!, result.GetValue(tasks), result.GetValue(concurrency)));
var latency = new Command("latency", "With a worker idle, enqueue --count tasks at --rate/s and time enqueue start to handler start.")
{
    urls, count, rate, concurrency,
};
latency.SetAction(result => LatencyBenchmark.RunAsync(result.GetValue(urls)![0], result.GetValue(count), result.GetValue(rate), result.GetValue(concurrency)));
var wake = new Command("wake", "A claim waits on the first --url; an enqueue on the second wakes it. Times enqueue start to claim answer.")
{
    urls, rounds,
};
wake.SetAction(result => WakeBenchmark.RunAsync(result.GetValue(urls)!, result.GetValue(rounds)));

var root = new RootCommand("Durq benchmarks against running servers.") { drain, latency, wake };
return await root.Parse(args).InvokeAsync();
