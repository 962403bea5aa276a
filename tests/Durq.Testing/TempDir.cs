namespace Durq.Testing;

/// <summary>
/// A new, empty folder of its own (under the system's temporary folder, in <c>durq-tests</c>) for a server's data, a
/// database cluster or a test's files; removed with everything in it when disposed.
/// </summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "durq-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
