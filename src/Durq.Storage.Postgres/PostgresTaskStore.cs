using System.Runtime.CompilerServices;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Storage.Events;
using Microsoft.Extensions.Logging;

namespace Durq.Storage.Postgres;

/// <summary>
/// The scale-out store: every node shares one PostgreSQL database. Each store instance writes through the one
/// group-commit writer of <see cref="TaskStore"/> on a connection of its own, reads through a connection pool, and
/// hears the work other nodes make claimable through <c>LISTEN/NOTIFY</c>. Every transition names its from-states in
/// its SQL and claims use <c>FOR UPDATE SKIP LOCKED</c>, so nodes never both win a task; the queue cap is exact across
/// nodes because each tenant's pending count is one row that every write changing it locks first. The event stream
/// hears other nodes' changes on <c>durq_events</c>.
/// </summary>
internal sealed class PostgresTaskStore : TaskStore, ITaskWakeupSource, IStoreBackup
{
    private readonly PostgresDialect _dialect;
    private readonly string _connectionString;

    public PostgresTaskStore(PostgresStoreOptions options, ILogger<PostgresTaskStore> logger)
        : this(new PostgresDialect(options, logger), options.ConnectionString, logger)
    {
    }

    private PostgresTaskStore(PostgresDialect dialect, string connectionString, ILogger logger)
        : base(dialect, logger)
    {
        _dialect = dialect;
        _connectionString = connectionString;
    }

    public IAsyncEnumerable<WorkAvailable> ListenAsync(CancellationToken cancellationToken) => _dialect.Listener.ListenForWorkAsync(cancellationToken);

    /// <summary>The changes other nodes of this store tell; this node's own it told itself when it committed them.</summary>
    public override async IAsyncEnumerable<IReadOnlyList<StoreEvent>> ListenForEventsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var payload in _dialect.Listener.ListenAsync("ListenForEvents", cancellationToken))
        {
            if (StoreEventPayloads.Decode(payload) is { } told && told.Origin != _dialect.Origin && told.Store == _dialect.Store)
            {
                yield return told.Events;
            }
        }
    }

    /// <summary>
    /// PostgreSQL is backed up with its own tools, which also know its replicas and point-in-time recovery; Durq makes
    /// no copy of its own and names the <c>pg_dump</c> command instead.
    /// </summary>
    public Task BackupAsync(string destination, bool overwrite, CancellationToken cancellationToken) =>
        throw new StoreBackupException("durq backup copies the embedded SQLite store; back up PostgreSQL with its own tools: " +
                                       PgDumpCommand.For(_connectionString, destination));

    /// <summary>Ends every <see cref="ListenAsync"/> of this store before its writer stops.</summary>
    protected override async ValueTask StopBeforeWriterAsync() => await _dialect.StopListeningAsync();
}
