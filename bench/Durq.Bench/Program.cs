using System.CommandLine;
using Durq.Bench;

var url = new Option<Uri>("--url")
{
    Description = "The Durq server.",
    DefaultValueFactory = _ => new Uri("http://127.0.0.1:8080"),
    CustomParser = result => new Uri(result.Tokens.Single().Value),
};
var tasks = new Option<int>("--tasks") { Description = "Tasks to drain.", DefaultValueFactory = _ => 20_000 };
var concurrency = new Option<int>("--concurrency") { Description = "DurqWorker concurrency.", DefaultValueFactory = _ => 16 };
var count = new Option<int>("--count") { Description = "Tasks to time.", DefaultValueFactory = _ => 500 };
var rate = new Option<int>("--rate") { Description = "Enqueues per second.", DefaultValueFactory = _ => 50 };

var drain = new Command("drain", "Enqueue --tasks no-op tasks, then time one DurqWorker draining them.") { url, tasks, concurrency };
drain.SetAction(result => DrainBenchmark.RunAsync(result.GetValue(url)!, result.GetValue(tasks), result.GetValue(concurrency)));
var latency = new Command("latency", "With a worker idle, enqueue --count tasks at --rate/s and time enqueue start to handler start.")
{
    url, count, rate, concurrency,
};
latency.SetAction(result => LatencyBenchmark.RunAsync(result.GetValue(url)!, result.GetValue(count), result.GetValue(rate), result.GetValue(concurrency)));

var root = new RootCommand("Durq benchmarks against a running server.") { drain, latency };
return await root.Parse(args).InvokeAsync();
