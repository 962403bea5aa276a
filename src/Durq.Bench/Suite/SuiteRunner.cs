using Durq.Bench.Processes;
using Durq.Bench.Report;
using Durq.Bench.Stores;
using Durq.Bench.Workloads;

namespace Durq.Bench.Suite;

/// <summary>
/// The whole suite: on each store, <c>runs</c> rounds of every chosen workload, each on a fresh database and a fresh
/// <c>durq serve</c>; then Hangfire's figures on the same store; then, once for the sitting, the HTTP ceiling's E1 and
/// E1-seq (<c>runs</c> rounds) and the Node.js peers; then the table and the JSON file.
/// </summary>
internal sealed class SuiteRunner(SuiteSettings settings)
{
    private readonly ResultSet _results = new();

    public async Task<int> RunAsync()
    {
        using var signals = ChildProcesses.StopOnSignals();
        var date = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Describe();
        var workloads = WorkloadCatalog.Create(settings.Sizes).Where(w => settings.Workloads.Contains(w.Id)).ToList();
        Progress.Line($"durq bench: {string.Join(", ", workloads.Select(w => w.Id))} on {string.Join(" and ", settings.Stores)}, {settings.Runs} run(s); durq = {settings.Durq}");
        foreach (var store in settings.Stores.Select(CreateStore))
        {
            if (await DescribeAsync(store))
            {
                await RunStoreAsync(store, workloads);
            }
        }

        await RunCeilingAsync(workloads);
        await RunNodePeersAsync();

        ResultTable.Write(Console.Out, settings, _results, machine, date);
        if (settings.JsonPath is not null)
        {
            SuiteReport.Write(settings.JsonPath, settings, _results, machine, date);
            Progress.Line($"wrote {Path.GetFullPath(settings.JsonPath)}");
        }

        return _results.Failures.Count == 0 ? 0 : 1;
    }

    private IBenchStore CreateStore(string kind) =>
        kind == "postgres" ? new PostgresBenchStore(settings.PostgresAdmin, settings.PostgresDatabase) : new SqliteBenchStore();

    private async Task<bool> DescribeAsync(IBenchStore store)
    {
        try
        {
            _results.StoreDescriptions[store.Kind] = await store.DescribeAsync();
            return true;
        }
        catch (Exception e)
        {
            _results.Failures.Add($"{store.Kind}: cannot reach it ({e.Message}); give --postgres or DURQ_BENCH_POSTGRES.");
            Progress.Line(_results.Failures[^1]);
            return false;
        }
    }

    private async Task RunStoreAsync(IBenchStore store, List<Workload> workloads)
    {
        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var workload in workloads)
            {
                await RunOnceAsync(store, workload, run);
            }
        }

        await RunHangfireAsync(store, workloads);
    }

    /// <summary>E1 and E1-seq, the same HttpLoad as Durq's, against bench/Durq.Bench.Ceiling: HTTP and parsing, no store.</summary>
    private async Task RunCeilingAsync(List<Workload> workloads)
    {
        var enqueue = workloads.Where(w => w.Id is "e1" or "e1-seq").ToList();
        if (enqueue.Count == 0)
        {
            return;
        }

        if (settings.Ceiling is null)
        {
            AddNote(settings.CeilingNote!);
            return;
        }

        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var workload in enqueue)
            {
                await MeasureAsync(ResultSet.CeilingStore, workload, run, workDir => ServerProcess.StartCeilingAsync(settings.Ceiling, workDir));
            }
        }
    }

    private async Task RunNodePeersAsync()
    {
        if (settings.NodePeersNote is { } note)
        {
            AddNote(note);
        }

        if (settings.NodePeers is { } node)
        {
            await new NodePeers(node, settings).RunAsync(_results);
        }
    }

    private async Task MeasureAsync(string store, Workload workload, int run, Func<string, Task<ServerProcess>> start)
    {
        Progress.Line($"{store} run {run}/{settings.Runs}: {workload.Title}");
        var workDir = Directory.CreateTempSubdirectory("durq-bench-").FullName;
        try
        {
            await using var server = await start(workDir);
            var figures = await workload.MeasureAsync(server);
            await server.StopAsync();
            _results.Add(store, workload, run, figures);
            Progress.Line("  " + string.Join(", ", figures.Select(f => $"{f.Metric} {ResultTable.WithUnit(f.Value, f.Unit)}")));
            Directory.Delete(workDir, recursive: true);
        }
        catch (Exception e)
        {
            _results.Failures.Add($"{store} run {run} {workload.Id}: {e.Message} (its folder and log are kept in {workDir})");
            Progress.Line("  FAILED: " + e.Message);
        }
    }

    private void AddNote(string note)
    {
        if (!_results.Notes.Contains(note))
        {
            _results.Notes.Add(note);
            Progress.Line(note);
        }
    }

    private async Task RunOnceAsync(IBenchStore store, Workload workload, int run)
    {
        Progress.Line($"{store.Kind} run {run}/{settings.Runs}: {workload.Title}");
        var workDir = Directory.CreateTempSubdirectory("durq-bench-").FullName;
        var failed = false;
        try
        {
            var storeFlags = await store.CreateFreshAsync(workDir);
            await workload.SeedAsync(new FreshDatabase(store, workDir, storeFlags, settings.Durq));
            var apiKey = settings.WithApiKey ? await CreateKeyAsync(storeFlags, workDir) : null;
            await using var server = await ServerProcess.StartAsync(settings.Durq, storeFlags, workDir);
            server.ApiKey = apiKey;
            var figures = await workload.MeasureAsync(server);
            await server.StopAsync();
            _results.Add(store.Kind, workload, run, figures);
            Progress.Line("  " + string.Join(", ", figures.Select(f => $"{f.Metric} {ResultTable.WithUnit(f.Value, f.Unit)}")));
        }
        catch (Exception e)
        {
            // Whatever went wrong, the other workloads' figures (perhaps half an hour of them) are still worth a report.
            failed = true;
            _results.Failures.Add($"{store.Kind} run {run} {workload.Id}: {e.Message} (its folder and server log are kept in {workDir})");
            Progress.Line("  FAILED: " + e.Message);
        }
        finally
        {
            await store.DropAsync(workDir);
            if (!failed)
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
    }

    /// <summary>An admin key in the fresh store, made before the server starts (as an operator would, with <c>durq keys</c>).</summary>
    private async Task<string> CreateKeyAsync(string[] storeFlags, string workDir)
    {
        var (exitCode, output) = await ChildRun.RunAsync(settings.Durq, ["keys", "create", "--scopes", "admin", .. storeFlags], workDir);
        return exitCode == 0 && output.Split('\n').FirstOrDefault(line => line.StartsWith("durq_", StringComparison.Ordinal)) is { } token
            ? token.Trim()
            : throw new InvalidOperationException("durq keys create failed: " + output);
    }

    private async Task RunHangfireAsync(IBenchStore store, List<Workload> workloads)
    {
        if (!workloads.Any(w => w.Id is "e1" or "e1-seq" or "d1"))
        {
            return;
        }

        if (settings.HangfirePeers is null)
        {
            AddNote(settings.HangfireNote!);
            return;
        }

        Progress.Line($"{store.Kind}: Hangfire E1-seq, E1-{WorkloadSizes.EnqueueConnections} and D1 (one run)");
        try
        {
            _results.Peers[store.Kind] = await HangfirePeer.RunAsync(settings.HangfirePeers, store, settings.Sizes);
        }
        catch (Exception e)
        {
            _results.Failures.Add($"Hangfire on {store.Kind}: {e.Message}");
            Progress.Line("  FAILED: " + e.Message);
        }
    }
}
