using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// durq as docs/deploy.md installs it: published as one self-contained file and run as on a machine without .NET, and
/// packed as a .NET tool. One test for each, as each build is most of its time.
/// </summary>
public sealed class InstallTests : IDisposable
{
    private static readonly string CliProject = Path.Combine(RepositoryPaths.Root, RepositoryProgram.Durq);

    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_single_file_serves_the_seed_request_without_the_machines_dotnet_and_stops_cleanly_on_sigterm()
    {
        var durq = await PublishAsync();
        Assert.Equal(["durq"], Directory.GetFiles(Path.GetDirectoryName(durq)!).Select(Path.GetFileName));

        await using var server = await DurqProcess.StartAsync(StartWithoutDotnet(durq));
        var (statusCode, body) = await SeedCurl.EnqueueAsync(server.BaseAddress);
        Assert.True(statusCode == "201", $"{statusCode}: {body}");
        var loaded = await File.ReadAllTextAsync($"/proc/{server.ProcessId}/maps");
        Assert.DoesNotContain(MachineDotnetRoot(), loaded, StringComparison.Ordinal);
        Assert.Contains("libe_sqlite3.so", loaded, StringComparison.Ordinal);

        await server.TerminateAsync();
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Application is shutting down", server.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Packed from the build these tests came from (the docs pack a Release build; what is checked here, the tool's
    /// name, its command and what it carries, is the same in any configuration), installed from that folder alone into a
    /// tool path rather than the machine's global tools, with a package cache of its own so no earlier durq 0.1.0 is
    /// taken from the machine's.
    /// </summary>
    [Fact]
    public async Task The_tool_package_installs_the_durq_command_which_opens_a_data_folder()
    {
        var feed = Path.Combine(_folder.Path, "feed");
        await RunAsync(new ProcessStartInfo("dotnet", ["pack", CliProject, "--no-build", "-c", RepositoryProgram.Configuration, "-o", feed]));
        var config = Path.Combine(_folder.Path, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <configuration><packageSources><clear /><add key="durq" value="{feed}" /></packageSources></configuration>
            """);
        var tools = Path.Combine(_folder.Path, "tools");
        var install = new ProcessStartInfo("dotnet", ["tool", "install", "durq", "--tool-path", tools, "--configfile", config]);
        install.Environment["NUGET_PACKAGES"] = Path.Combine(_folder.Path, "packages");
        await RunAsync(install);

        var migrate = await RunAsync(new ProcessStartInfo(Path.Combine(tools, "durq"), ["migrate", "--data-dir", Path.Combine(_folder.Path, "data")]));
        Assert.Contains("Migrated: SQLite at", migrate.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// The publish command of docs/deploy.md, with all its build output in this test's folder (<c>--artifacts-path</c>),
    /// so it shares none with the tests that run beside it; its restore finds the packages of the repository's own
    /// restore (.ci/run fetches the linux-x64 runtime packs with them). No build servers: one left running would hold
    /// this test's output pipe open for minutes. No analyzers: they ran in the build these tests came from, and change
    /// nothing in the binary.
    /// </summary>
    private async Task<string> PublishAsync()
    {
        var output = Path.Combine(_folder.Path, "publish");
        await RunAsync(new ProcessStartInfo("dotnet", [
            "publish", CliProject, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true", "-o", output,
            "--artifacts-path", Path.Combine(_folder.Path, "artifacts"), "--disable-build-servers", "-p:RunAnalyzers=false",
        ]));
        return Path.Combine(output, "durq");
    }

    /// <summary>
    /// <c>durq serve</c> in an environment of nothing but a home, a PATH of one empty folder (so no <c>dotnet</c> and no
    /// <c>DOTNET_ROOT</c>), and the folder the single file unpacks SQLite's native library to.
    /// </summary>
    private ProcessStartInfo StartWithoutDotnet(string durq)
    {
        var start = new ProcessStartInfo(durq, ["serve", "--urls", "http://127.0.0.1:0", "--data-dir", Path.Combine(_folder.Path, "data")])
        {
            WorkingDirectory = _folder.Path,
        };
        start.Environment.Clear();
        start.Environment["HOME"] = _folder.Path;
        start.Environment["PATH"] = Directory.CreateDirectory(Path.Combine(_folder.Path, "empty-path")).FullName;
        start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(_folder.Path, "extracted");
        return start;
    }

    /// <summary>The folder of the .NET these tests run on (e.g. <c>/usr/share/dotnet/</c>), three above its runtime's folder.</summary>
    private static string MachineDotnetRoot() =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."))) + "/";

    private static async Task<ProcessResult> RunAsync(ProcessStartInfo start)
    {
        var run = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"{start.FileName} {string.Join(' ', start.ArgumentList)}: {run}");
        return run;
    }
}
