using Durq.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Durq.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit survives a crash or
/// power loss. Every write goes through the one group-commit writer of <see cref="TaskStore"/>, on a thread of its
/// own; reads use pooled read-only connections.
/// </summary>
internal sealed class SqliteTaskStore(SqliteStoreOptions options, ILogger<SqliteTaskStore> logger)
    : TaskStore(new SqliteDialect(options), logger), IStoreBackup
{
    public string DatabasePath => options.DatabasePath;

    /// <summary>Runs without migrating or taking the data folder's lock: it only reads, beside the server that holds them.</summary>
    public Task BackupAsync(string destination, bool overwrite, CancellationToken cancellationToken) =>
        Task.Run(() => SqliteBackup.Copy(options.DatabasePath, destination, overwrite), cancellationToken);
}
