namespace Durq.Testing;

/// <summary>Where this repository is, found from the running tests, so tests can run the programs it builds.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds <c>Durq.slnx</c>, above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Durq.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Durq.slnx not found above " + AppContext.BaseDirectory);
    }
}
