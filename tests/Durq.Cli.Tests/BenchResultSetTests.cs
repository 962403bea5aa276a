using Durq.Bench.Load;
using Durq.Bench.Report;
using Durq.Bench.Workloads;

namespace Durq.Cli.Tests;

/// <summary>
/// How <c>durq bench</c> sets Durq's figures against its peers and the HTTP ceiling: the best peer is the lowest time
/// or the highest rate, Hangfire counts only on its own store, the Node.js peers on every store.
/// </summary>
public sealed class BenchResultSetTests
{
    private static readonly LoadDuration Second = new(TimeSpan.Zero, TimeSpan.FromSeconds(1));

    [Fact]
    public void Each_row_names_the_best_peer_the_fastest_rate_or_the_shortest_time()
    {
        var results = new ResultSet();
        results.Add("sqlite", new BulkEnqueueWorkload("e2", "E2", 4, 1000, Second), 1, [new Figure("throughput", 50_000, "tasks/s")]);
        results.Add("sqlite", new LatencyWorkload("l1", "L1", 20, 50, 16), 1, [new Figure("p50", 4, "ms"), new Figure("p99", 9, "ms")]);
        results.SittingPeers.Add(Peer("BullMQ 6.7.0", ("E2 bulk enqueue", 15_000, "jobs/s"), ("L1 enqueue to handler start p50", 2, "ms"), ("L1 enqueue to handler start p99", 5, "ms")));
        results.SittingPeers.Add(Peer("pg-boss 10.4.2", ("E2 bulk enqueue", 42_000, "jobs/s"), ("L1 enqueue to handler start p50", 250, "ms"), ("L1 enqueue to handler start p99", 3, "ms")));

        var rows = results.Rows();

        var e2 = Row(rows, "sqlite", "e2", "throughput");
        Assert.Equal(2, e2.Peers.Count);
        Assert.Equal(("pg-boss 10.4.2", 42_000.0), (e2.BestPeer!.Peer, e2.BestPeer.Value));
        Assert.Equal(50_000.0 / 42_000, e2.PeerRatio!.Value, 6);
        var p50 = Row(rows, "sqlite", "l1", "p50");
        Assert.Equal(("BullMQ 6.7.0", 2.0), (p50.BestPeer!.Peer, p50.BestPeer.Value));
        Assert.Equal(2.0, p50.PeerRatio);
        Assert.Equal("pg-boss 10.4.2", Row(rows, "sqlite", "l1", "p99").BestPeer!.Peer);
    }

    [Fact]
    public void Hangfire_counts_on_its_own_store_only_and_the_ceiling_on_e1_rows_of_every_store()
    {
        var results = new ResultSet();
        var e1Seq = new EnqueueWorkload("e1-seq", "E1-seq", 1, Second, measureMemory: false);
        results.Add("sqlite", e1Seq, 1, [new Figure("throughput", 2_000, "tasks/s")]);
        results.Add("postgres", e1Seq, 1, [new Figure("throughput", 1_000, "tasks/s")]);
        results.Add(ResultSet.CeilingStore, e1Seq, 1, [new Figure("throughput", 10_000, "tasks/s")]);
        results.Add(ResultSet.CeilingStore, e1Seq, 2, [new Figure("throughput", 12_000, "tasks/s")]);
        results.Peers["postgres"] = Peer("Hangfire 1.8", ("E1-seq enqueue", 800, "jobs/s"));
        results.SittingPeers.Add(Peer("BullMQ 6.7.0", ("E1-seq enqueue", 500, "jobs/s")));

        var rows = results.Rows();

        var sqlite = Row(rows, "sqlite", "e1-seq", "throughput");
        Assert.Equal("BullMQ 6.7.0", Assert.Single(sqlite.Peers).Peer);
        Assert.Equal(11_000.0, sqlite.Ceiling);
        Assert.Equal(2_000.0 / 11_000, sqlite.CeilingRatio!.Value, 6);
        var postgres = Row(rows, "postgres", "e1-seq", "throughput");
        Assert.Equal(("Hangfire 1.8", 1.25), (postgres.BestPeer!.Peer, postgres.PeerRatio));
        var ceiling = Row(rows, ResultSet.CeilingStore, "e1-seq", "throughput");
        Assert.Empty(ceiling.Peers);
        Assert.Null(ceiling.Ceiling);
    }

    private static ResultRow Row(IReadOnlyList<ResultRow> rows, string store, string workload, string metric) =>
        rows.Single(r => r.Store == store && r.Workload == workload && r.Metric == metric);

    /// <summary>A peer's report as bench/peers-node and Durq.Bench.Peers write it.</summary>
    private static PeerResult Peer(string name, params (string Workload, double Value, string Unit)[] figures) =>
        PeerResult.Parse(System.Text.Json.JsonSerializer.Serialize(new
        {
            peer = name,
            storeSettings = "test",
            figures = figures.Select(f => new { workload = f.Workload, value = f.Value, unit = f.Unit }),
        }));
}
