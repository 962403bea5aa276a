// A Durq worker host: run it beside `durq serve`, enqueue "sample.echo" or "sample.sleep" tasks, and watch them run.
//   dotnet run --project samples/Durq.Samples.Worker -- --Durq:Url=http://127.0.0.1:8080 --Durq:WorkerId=sample-1
using Durq.Client;
using Durq.Samples.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Configuration.GetSection("Durq");

builder.Services
    .AddDurqWorker(options =>
    {
        options.ServerUrl = new Uri(settings["Url"] ?? "http://127.0.0.1:8080");
        options.WorkerId = settings["WorkerId"] ?? options.WorkerId;
        options.Concurrency = settings.GetValue("Concurrency", 16);
    })
    // Returns its input as the result.
    .Handle<System.Text.Json.JsonElement>("sample.echo", async (input, task) =>
    {
        await Task.Yield();
        return input;
    })
    // Sleeps as long as asked, stopping early if the task is cancelled or the worker shuts down.
    .Handle<SleepInput>("sample.sleep", async (input, task) =>
    {
        StartedMarker.Write(settings["MarkerDir"], task.TaskId);
        var ms = input.For(task.Attempt);
        await Task.Delay(TimeSpan.FromMilliseconds(ms), task.CancellationToken);
        return new { slept_ms = ms, worker = settings["WorkerId"] };
    })
    // Always fails; the server retries it and, when attempts run out, moves it to the dead-letter queue.
    .Handle<System.Text.Json.JsonElement>("sample.fail", (_, task) =>
        throw new InvalidOperationException($"sample.fail always fails (attempt {task.Attempt})."));

await builder.Build().RunAsync();
