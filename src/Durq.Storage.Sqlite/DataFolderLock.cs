using System.Globalization;
using Durq.Core.Errors;

namespace Durq.Storage.Sqlite;

/// <summary>
/// Keeps a second store off a data folder this one writes: <c>durq.lock</c> in the folder, holding an OS lock on one byte
/// of it and the holder's process id. The OS drops the lock with the process that holds it, however that process
/// ends, so a crash never leaves a stale lock behind; the file itself is left in place and means nothing unlocked.
/// </summary>
/// <remarks>
/// The lock is a POSIX record lock (<see cref="FileStream.Lock"/>), not an exclusive open: another process must still
/// be able to open the file and read whose it is. Record locks do not exclude the process that holds them (and closing
/// any handle of the file may drop them), so stores of this process are kept apart by <see cref="HeldHere"/> first.
/// </remarks>
internal sealed class DataFolderLock : IDisposable
{
    public const string FileName = "durq.lock";

    /// <summary>The byte locked: far past the process id the file holds, so that another process can still read that.</summary>
    private const long LockedByte = 1L << 30;

    private static readonly HashSet<string> HeldHere = new(StringComparer.Ordinal);

    private readonly FileStream _file;
    private readonly string _path;

    private DataFolderLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>Takes the folder's lock, or throws a <see cref="StoreStartupException"/> naming the process that holds it.</summary>
    public static DataFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        lock (HeldHere)
        {
            if (!HeldHere.Add(path))
            {
                throw InUse(folder, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ", this one");
            }
        }

        try
        {
            return new DataFolderLock(LockFile(folder, path), path);
        }
        catch
        {
            lock (HeldHere)
            {
                HeldHere.Remove(path);
            }

            throw;
        }
    }

    private static FileStream LockFile(string folder, string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            throw new StoreStartupException(
                $"The data folder {folder} cannot be written ({FileName}: {error.Message}); make it writable for this user, or give another --data-dir.",
                error);
        }

        try
        {
            // .NET has no record locks on macOS; there the folder is kept only from stores of this process.
            if (!OperatingSystem.IsMacOS())
            {
                file.Lock(LockedByte, 1);
            }
        }
        catch (IOException)
        {
            var holder = ReadHolder(file);
            file.Dispose();
            throw InUse(folder, holder);
        }

        file.SetLength(0);
        using (var writer = new StreamWriter(file, leaveOpen: true))
        {
            writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }

        file.Flush(flushToDisk: true);
        return file;
    }

    private static string ReadHolder(FileStream file)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, leaveOpen: true);
        var text = reader.ReadToEnd().Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? text : "unknown";
    }

    private static StoreStartupException InUse(string folder, string pid) => new(
        $"The data folder {folder} is in use by another Durq process (pid {pid}); stop that process first, or give this one another --data-dir.");

    public void Dispose()
    {
        _file.Dispose();
        lock (HeldHere)
        {
            HeldHere.Remove(_path);
        }
    }
}
