using Durq.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>
/// <c>durq backup</c> on the embedded store: SQLite's online backup (sqlite.org/backup.html) copies every page within one
/// read transaction, so the copy is the database as of one commit while a server beside it goes on writing (WAL lets
/// the read run beside the writer). The copy is written to a file of its own name first and renamed into place only
/// once complete, so a failed or interrupted backup never leaves a half copy under the name asked for.
/// </summary>
internal static class SqliteBackup
{
    public static void Copy(string databasePath, string destination, bool overwrite)
    {
        var target = Path.GetFullPath(destination);
        Check(databasePath, target, overwrite);
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            CopyInto(databasePath, partial);
            File.Move(partial, target, overwrite);
        }
        catch (Exception error) when (error is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreBackupException($"{databasePath} could not be backed up to {target}: {error.Message.TrimEnd('.')}.", error);
        }
        finally
        {
            foreach (var suffix in (string[])["", "-journal", "-wal", "-shm"])
            {
                File.Delete(partial + suffix);
            }
        }
    }

    private static void Check(string databasePath, string target, bool overwrite)
    {
        if (!File.Exists(databasePath))
        {
            throw new StoreBackupException($"There is no database at {databasePath} to back up; give the --data-dir the server uses.");
        }

        if (target == databasePath)
        {
            throw new StoreBackupException($"{target} is the database itself; name a file outside the data folder.");
        }

        if (!overwrite && File.Exists(target))
        {
            throw new StoreBackupException($"{target} already exists; name a new file, or pass --force to replace it.");
        }
    }

    private static void CopyInto(string databasePath, string partial)
    {
        // Read-write, as `durq keys` opens it: beside a running server this only reads, and with no server running it
        // is the last connection to close, which folds the WAL back into durq.db and leaves no file behind.
        using (var source = Open(databasePath, SqliteOpenMode.ReadWrite))
        using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
        {
            Pragma(source, "busy_timeout = 5000");
            source.BackupDatabase(copy);
        }

        // The copied header still says WAL, as the server's file does; in rollback mode the copy is one self-contained
        // file that can be read where no -wal or -shm file can be made (a read-only disk). The server turns WAL back on
        // when it opens a restored copy.
        using var reopened = Open(partial, SqliteOpenMode.ReadWrite);
        Pragma(reopened, "journal_mode = DELETE");
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }
}
