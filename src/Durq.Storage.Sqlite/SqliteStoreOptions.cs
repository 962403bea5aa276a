namespace Durq.Storage.Sqlite;

/// <summary>Settings of the embedded store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The folder that holds <c>durq.db</c>; created if missing. Default <c>./durq-data</c>.</summary>
    public string DataDir { get; set; } = "./durq-data";

    /// <summary>
    /// Most writes gathered into one transaction (group commit). Default 1000. Setting it to 1 commits every
    /// write on its own, which caps throughput at the disk's fsync rate; it exists to measure that.
    /// </summary>
    public int MaxWriteBatch { get; set; } = 1000;

    /// <summary>
    /// The most bytes <c>durq.db</c> may grow to, kept below the free space of its disk so a full disk never surprises
    /// the server: past it, writes answer 503 <c>storage_full</c>, exactly as for a full disk. Default <c>null</c>: no cap.
    /// </summary>
    public long? MaxDatabaseBytes { get; set; }

    /// <summary>
    /// Opens the data folder without taking its lock (<c>durq.lock</c>), beside a server that holds it: for
    /// <c>durq keys</c>, which writes a row or two through SQLite's own locking while the server runs. Default false.
    /// </summary>
    public bool ShareDataFolder { get; set; }

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDir, "durq.db"));
}
