using System.Buffers.Binary;
using Durq.Core.Errors;

namespace Durq.Storage.Sqlite;

/// <summary>
/// What the store says, at start, of a <c>durq.db</c> it cannot use: a file that is not a SQLite database, is damaged,
/// or was cut short. SQLite itself finds the first two when it reads them; a file cut short it finds only when a query
/// reaches a missing page, perhaps long after start, so the header is checked against the file's length first.
/// </summary>
internal static class DatabaseFile
{
    private const int HeaderLength = 100;

    /// <summary>
    /// Throws when the file is shorter than its header says (sqlite.org/fileformat.html: the page size at offset 16, the
    /// change counter at 24, the page count at 28, valid while the number at 92 equals the counter). Skipped while the
    /// WAL holds frames: a checkpoint cut off by a crash may leave the file short until the WAL is replayed.
    /// </summary>
    public static void CheckLength(string path)
    {
        var file = new FileInfo(path);
        var wal = new FileInfo(path + "-wal");
        if (!file.Exists || file.Length == 0 || (wal.Exists && wal.Length > 0))
        {
            return;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        using (var stream = file.OpenRead())
        {
            if (stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength)
            {
                throw Unusable(path, $"it is {file.Length} bytes long, shorter than a SQLite header");
            }
        }

        // The page size 65,536 does not fit two bytes: it is written as 1.
        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        pageSize = pageSize == 1 ? 65_536 : pageSize;
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header[24..]);
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        if (pages > 0 && changeCounter == validFor && file.Length < (long)pages * pageSize)
        {
            throw Unusable(path, $"it is {file.Length} bytes long, but its header counts {pages} pages of {pageSize} bytes: it was cut short");
        }
    }

    /// <summary>The one line an operator reads when <c>durq.db</c> cannot be used: the file, why, and what to do.</summary>
    public static StoreStartupException Unusable(string path, string why, Exception? cause = null) => new(
        $"{path} is damaged or is not a Durq database ({why}). Restore it from a backup, or move it away to start with an empty database.",
        cause);
}
