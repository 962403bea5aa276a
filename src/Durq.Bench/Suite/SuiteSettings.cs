using Durq.Bench.Processes;

namespace Durq.Bench.Suite;

/// <summary>What one <c>durq bench</c> run measures, where, and where it writes.</summary>
/// <param name="Stores"><c>sqlite</c>, <c>postgres</c>, or both, in that order.</param>
/// <param name="Workloads">Ids from <see cref="WorkloadCatalog.Ids"/>.</param>
/// <param name="HangfirePeers">The peer program, or null with <paramref name="HangfireNote"/> saying why not.</param>
/// <param name="Ceiling">bench/Durq.Bench.Ceiling, or null with <paramref name="CeilingNote"/> saying why not.</param>
/// <param name="NodePeers">The Node.js peers to run (bench/peers-node); its note says why any are skipped.</param>
internal sealed record SuiteSettings(
    IReadOnlyList<string> Stores,
    int Runs,
    IReadOnlyList<string> Workloads,
    WorkloadSizes Sizes,
    bool Quick,
    string? JsonPath,
    Launcher? HangfirePeers,
    string? HangfireNote,
    string PostgresAdmin,
    string PostgresDatabase,
    Launcher Durq,
    string CommandLine,
    bool WithApiKey = false,
    Launcher? Ceiling = null,
    string? CeilingNote = null,
    NodePeerSettings? NodePeers = null,
    string? NodePeersNote = null);
