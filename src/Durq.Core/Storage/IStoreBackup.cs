namespace Durq.Core.Storage;

/// <summary>A store's copy of itself, made while a server may be using it (<c>durq backup</c>).</summary>
internal interface IStoreBackup
{
    /// <summary>
    /// Writes all the store holds, as of one moment, to a new file at <paramref name="destination"/>, which replaces an
    /// existing file only when <paramref name="overwrite"/>. Throws <see cref="Errors.StoreBackupException"/>, whose
    /// message is the one line an operator reads, when no copy was made: no database, a file in the way, or a store
    /// copied with its database's own tools.
    /// </summary>
    Task BackupAsync(string destination, bool overwrite, CancellationToken cancellationToken);
}
