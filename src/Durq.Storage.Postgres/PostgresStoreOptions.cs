namespace Durq.Storage.Postgres;

/// <summary>Settings of the scale-out store.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>
    /// The Npgsql connection string of the database every node shares, e.g.
    /// <c>Host=db;Port=5432;Username=durq;Password=…;Database=durq</c>. Required; no default. A <c>Search Path</c> in it
    /// names the schema Durq's tables live in (default: the server's, usually <c>public</c>).
    /// </summary>
    public required string ConnectionString { get; set; }

    /// <summary>
    /// Most writes gathered into one transaction (group commit). Default 1000. Setting it to 1 commits every
    /// write on its own, which caps throughput at the database's commit rate; it exists to measure that.
    /// </summary>
    public int MaxWriteBatch { get; set; } = 1000;

    /// <summary>
    /// Most connections one store instance opens for reads (task and worker lists, stats); reads beyond it wait for a
    /// free one. Default 16. The writer and the wake-up listener hold one connection each besides, so a node needs
    /// <c>MaxReadConnections + 2</c> of the server's <c>max_connections</c>. Overrides <c>Maximum Pool Size</c> in
    /// <see cref="ConnectionString"/>.
    /// </summary>
    public int MaxReadConnections { get; set; } = 16;
}
