namespace Durq.Bench.Report;

/// <summary>A peer's figure for one row of the results, with the peer's name (e.g. "BullMQ 6.7.0").</summary>
internal sealed record PeerMatch(string Peer, double Value, string Unit, string? Note)
{
    /// <summary>
    /// The best of the peers' figures for a metric: the lowest time (ms, s), else the highest rate. Null when no peer
    /// measured it.
    /// </summary>
    public static PeerMatch? Best(IReadOnlyList<PeerMatch> matches) =>
        matches.Count == 0 ? null
        : IsTime(matches[0].Unit) ? matches.MinBy(m => m.Value)
        : matches.MaxBy(m => m.Value);

    public static bool IsTime(string unit) => unit is "ms" or "s";
}
