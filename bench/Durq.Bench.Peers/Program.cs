using System.CommandLine;
using Durq.Bench.Peers;

var store = new Option<string>("--store") { Description = "sqlite or postgres.", Required = true };
store.AcceptOnlyFromAmong("sqlite", "postgres");
var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the SQLite files (one per workload)." };
var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (one schema per workload)." };
var seconds = new Option<int>("--seconds") { Description = "Measured seconds of each enqueue workload.", DefaultValueFactory = _ => 10 };
var warmUp = new Option<double>("--warmup") { Description = "Seconds each enqueue workload runs before its measured window.", DefaultValueFactory = _ => 10 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent enqueuers of E1.", DefaultValueFactory = _ => 32 };
var jobs = new Option<int>("--jobs") { Description = "Jobs to drain in D1.", DefaultValueFactory = _ => 20_000 };
var workers = new Option<int>("--workers") { Description = "BackgroundJobServer WorkerCount in D1.", DefaultValueFactory = _ => 16 };
var capMinutes = new Option<int>("--cap-minutes") { Description = "D1 stops here, reporting how far it got.", DefaultValueFactory = _ => 10 };
var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };

var hangfire = new Command("hangfire", "E1-seq, E1-<concurrency> and D1 against Hangfire, each on a fresh storage, in this process.")
{
    store, dataDir, postgres, seconds, warmUp, concurrency, jobs, workers, capMinutes, json,
};
hangfire.SetAction(result => HangfireBenchmark.Run(
    new PeerStore(result.GetValue(store)!, result.GetValue(dataDir), result.GetValue(postgres)),
    new EnqueueWindow(TimeSpan.FromSeconds(result.GetValue(warmUp)), TimeSpan.FromSeconds(result.GetValue(seconds))),
    result.GetValue(concurrency),
    result.GetValue(jobs),
    result.GetValue(workers),
    TimeSpan.FromMinutes(result.GetValue(capMinutes)),
    result.GetValue(json)));

var root = new RootCommand("Durq's workloads run against peer job queues, for ratios measured on the same machine.") { hangfire };
return root.Parse(args).Invoke();
