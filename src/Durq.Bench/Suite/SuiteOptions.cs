using System.CommandLine;
using Durq.Bench.Processes;

namespace Durq.Bench.Suite;

/// <summary>The options of <c>durq bench</c> itself, and how they become <see cref="SuiteSettings"/>.</summary>
internal sealed class SuiteOptions
{
    /// <summary>The local PostgreSQL as .ci/postgres.sh sets it up (DURQ_PG_ADMIN there): Durq's own role, with CREATEDB.</summary>
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=durq_test;Password=durq_test";
    public const string DefaultHangfire = "bench/Durq.Bench.Peers/bin/Release/net10.0/Durq.Bench.Peers.dll";
    public const string DefaultCeiling = "bench/Durq.Bench.Ceiling/bin/Release/net10.0/Durq.Bench.Ceiling.dll";
    public const string DefaultPeersNode = "bench/peers-node";

    public Option<string> Store { get; } = new Option<string>("--store")
    {
        Description = "sqlite, postgres or both (both needs PostgreSQL).",
        DefaultValueFactory = _ => "sqlite",
    }.AcceptOnlyFromAmong("sqlite", "postgres", "both");

    public Option<int> Runs { get; } = Positive(new("--runs") { Description = "Runs of each workload; the table shows their median. Default 3 (1 with --quick)." });

    public Option<int> Seconds { get; } = Positive(new("--seconds") { Description = "Measured seconds of E1, E1-seq and E2. Default 10 (1 with --quick)." });

    public Option<int> WarmUp { get; } = Positive(new("--warmup")
    {
        Description = "Seconds E1, E1-seq and E2 run unmeasured first, for Durq, the ceiling and every peer alike. Default 10 (0.25 with --quick).",
    });

    public Option<string> Workloads { get; } = WorkloadList();

    public Option<bool> Quick { get; } = new("--quick") { Description = "A smoke: ~1 s loads, a few hundred tasks, one run." };

    public Option<string?> Json { get; } = new("--json") { Description = "Also write every run's figures and the medians to this JSON file." };

    public Option<string?> Hangfire { get; } = new("--hangfire") { Description = $"Durq.Bench.Peers.dll, for Hangfire's figures and ratios. Default ./{DefaultHangfire} if built." };

    public Option<string?> Ceiling { get; } = new("--ceiling")
    {
        Description = $"Durq.Bench.Ceiling.dll, the HTTP ceiling E1 and E1-seq are set against. Default ./{DefaultCeiling} if built.",
    };

    public Option<string> Peers { get; } = PeerList();

    public Option<string?> PeersNode { get; } = new("--peers-node")
    {
        Description = $"The folder of the Node.js peers' run.mjs, with node_modules installed (npm ci). Default ./{DefaultPeersNode}.",
    };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = $"PostgreSQL admin connection string. Default $DURQ_BENCH_POSTGRES, else {DefaultPostgres}." };

    public Option<string> PostgresDatabase { get; } = new("--postgres-database")
    {
        Description = "The database each PostgreSQL run drops and creates (and <name>_peers for Hangfire, pg-boss and graphile-worker). Default durq_bench.",
        DefaultValueFactory = _ => "durq_bench",
    };

    public Option<string?> Durq { get; } = new("--durq") { Description = "The durq to benchmark (apphost or durq.dll). Default: this one." };

    /// <summary>The enqueue workloads (e1, e1-seq, e2) are the ones that can send a key; the others run SDK workers without one.</summary>
    public static readonly IReadOnlyList<string> KeyedWorkloads = ["e1", "e1-seq", "e2"];

    public Option<bool> ApiKey { get; } = new("--api-key")
    {
        Description = "Make an admin API key in each fresh store and send it on every request, to measure checking keys (e1, e1-seq, e2 only).",
    };

    public IEnumerable<Option> All => [Store, Runs, Seconds, WarmUp, Workloads, Quick, Json, Hangfire, Ceiling, Peers, PeersNode, Postgres, PostgresDatabase, Durq, ApiKey];

    public SuiteSettings Read(ParseResult result)
    {
        var quick = result.GetValue(Quick);
        var seconds = Given(result, Seconds) ?? (quick ? 1 : 10);
        var warmUp = Given(result, WarmUp) is { } given ? TimeSpan.FromSeconds(given) : quick ? WorkloadSizes.QuickWarmUp : WorkloadSizes.DefaultWarmUp;
        var (hangfire, hangfireNote) = FindHangfire(result.GetValue(Hangfire));
        var (ceiling, ceilingNote) = FindCeiling(result.GetValue(Ceiling));
        var (nodePeers, nodePeersNote) = NodePeerFinder.Find(ParseList(result.GetValue(Peers)!), result.GetValue(PeersNode), DefaultPeersNode);
        var durq = result.GetValue(Durq) is { } path ? Launcher.Of(path) : Launcher.CurrentDurq();
        return new SuiteSettings(
            result.GetValue(Store) == "both" ? ["sqlite", "postgres"] : [result.GetValue(Store)!],
            Given(result, Runs) ?? (quick ? 1 : 3),
            ParseWorkloads(result.GetValue(Workloads)!),
            quick ? WorkloadSizes.Quick(seconds, warmUp) : WorkloadSizes.Full(seconds, warmUp),
            quick,
            result.GetValue(Json),
            hangfire,
            hangfireNote,
            result.GetValue(Postgres) ?? Environment.GetEnvironmentVariable("DURQ_BENCH_POSTGRES") ?? DefaultPostgres,
            result.GetValue(PostgresDatabase)!,
            durq,
            string.Join(' ', Environment.GetCommandLineArgs()),
            WithKey(result),
            ceiling,
            ceilingNote,
            nodePeers,
            nodePeersNote);
    }

    private bool WithKey(ParseResult result)
    {
        var withKey = result.GetValue(ApiKey);
        var unkeyed = ParseWorkloads(result.GetValue(Workloads)!).Except(KeyedWorkloads).ToList();
        return withKey && unkeyed.Count > 0
            ? throw new ArgumentException($"--api-key measures {string.Join(", ", KeyedWorkloads)} only; drop {string.Join(", ", unkeyed)} from --workloads.")
            : withKey;
    }

    private static (Launcher? Peers, string? Note) FindHangfire(string? given)
    {
        var path = Path.GetFullPath(given ?? DefaultHangfire);
        if (File.Exists(path))
        {
            return (Launcher.Of(path), null);
        }

        return (null, given is null
            ? $"Hangfire skipped: {path} is not built (dotnet build -c Release bench/Durq.Bench.Peers, or give --hangfire)."
            : $"Hangfire skipped: --hangfire {path} does not exist.");
    }

    private static (Launcher? Ceiling, string? Note) FindCeiling(string? given)
    {
        var path = Path.GetFullPath(given ?? DefaultCeiling);
        if (File.Exists(path))
        {
            return (Launcher.Of(path), null);
        }

        return (null, given is null
            ? $"HTTP ceiling skipped: {path} is not built (dotnet build -c Release bench/Durq.Bench.Ceiling, or give --ceiling)."
            : $"HTTP ceiling skipped: --ceiling {path} does not exist.");
    }

    private static int? Given(ParseResult result, Option<int> option) => result.GetResult(option) is null ? null : result.GetValue(option);

    private static IReadOnlyList<string> ParseWorkloads(string list) => ParseList(list);

    private static IReadOnlyList<string> ParseList(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => id.ToLowerInvariant())];

    private static Option<string> PeerList()
    {
        var option = new Option<string>("--peers")
        {
            Description = $"Comma-separated Node.js peers: {string.Join(',', NodePeerFinder.Known)}, or none. Default all (each skipped with a note when node, redis-server or PostgreSQL is missing).",
            DefaultValueFactory = _ => string.Join(',', NodePeerFinder.Known),
        };
        option.Validators.Add(result =>
        {
            var chosen = ParseList(result.GetValueOrDefault<string>());
            var unknown = chosen.Except([.. NodePeerFinder.Known, "none"]).ToList();
            if (unknown.Count > 0 || chosen.Count == 0)
            {
                result.AddError($"unknown or no peer(s) '{string.Join(", ", unknown)}': choose from {string.Join(',', NodePeerFinder.Known)}, or none.");
            }
        });
        return option;
    }

    private static Option<string> WorkloadList()
    {
        var option = new Option<string>("--workloads")
        {
            Description = $"Comma-separated: {string.Join(',', WorkloadCatalog.Ids)}. Default all.",
            DefaultValueFactory = _ => string.Join(',', WorkloadCatalog.Ids),
        };
        option.Validators.Add(result =>
        {
            var chosen = ParseWorkloads(result.GetValueOrDefault<string>());
            var unknown = chosen.Except(WorkloadCatalog.Ids).ToList();
            if (unknown.Count > 0 || chosen.Count == 0)
            {
                result.AddError($"unknown or no workload(s) '{string.Join(", ", unknown)}': choose from {string.Join(',', WorkloadCatalog.Ids)}.");
            }
        });
        return option;
    }

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{option.Name} must be at least 1.");
            }
        });
        return option;
    }
}
