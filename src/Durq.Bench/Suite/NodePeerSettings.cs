namespace Durq.Bench.Suite;

/// <summary>
/// The Node.js peers <c>durq bench</c> runs: bench/peers-node's <c>run.mjs</c> under <paramref name="Node"/>, for each
/// of <paramref name="Peers"/>; <paramref name="RedisServer"/> is null where none was found (BullMQ is then skipped).
/// </summary>
internal sealed record NodePeerSettings(string Node, string RunScript, IReadOnlyList<string> Peers, string? RedisServer);
