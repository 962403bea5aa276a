using Durq.Core.Errors;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>Tells the failures that mean "the database is away or busy, try again" from the store's own bugs.</summary>
internal static class StoreErrors
{
    /// <summary>
    /// A lost or refused connection, or a transaction the server gave up to break a deadlock or a serialization
    /// conflict: nothing was changed, and the same request may well succeed in a moment.
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        PostgresException postgres => Fault(postgres) is null
            && (postgres.SqlState[..2] is "08" or "40" or "53" or "57" || postgres.SqlState == "55P03"),
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// The storage fault a server error means: a read-only transaction (<c>default_transaction_read_only</c>, or a hot
    /// standby), a full disk, or damaged data or index pages. Nothing else is one.
    /// </summary>
    public static StoreUnavailableException? Fault(Exception error) => (error as PostgresException)?.SqlState switch
    {
        PostgresErrorCodes.ReadOnlySqlTransaction => StorageFaults.ReadOnly(error),
        PostgresErrorCodes.DiskFull => StorageFaults.Full(error),
        PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted => StorageFaults.Corrupt(error),
        _ => null,
    };

    /// <summary>A 503 for the caller: <paramref name="message"/> is shown to clients, so it says what to do, never what broke.</summary>
    public static StoreUnavailableException Unavailable(string message, Exception error) => new(message, error);
}
