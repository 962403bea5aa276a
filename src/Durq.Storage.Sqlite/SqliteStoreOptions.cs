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

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDir, "durq.db"));
}
