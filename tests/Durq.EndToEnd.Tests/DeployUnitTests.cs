using System.Text.RegularExpressions;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// The systemd units of <c>deploy/systemd/</c>: docs/deploy.md shows them as they are, and systemd accepts them. None is
/// started, as the test machines run no systemd; <c>systemd-analyze</c> reads them offline.
/// </summary>
public sealed partial class DeployUnitTests : IDisposable
{
    private static readonly string Units = Path.Combine(RepositoryPaths.Root, "deploy", "systemd");
    private static readonly string[] UnitNames = ["durq.service", "durq-backup.service", "durq-backup.timer"];

    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Docs_deploy_shows_each_unit_as_the_file_holds_it()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md"));
        foreach (var unit in UnitNames)
        {
            Assert.Contains("```ini\n" + await File.ReadAllTextAsync(Path.Combine(Units, unit)) + "```", guide, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// <c>verify</c> checks each unit's syntax, its settings and that its program exists: the copies name the durq these
    /// tests were built with instead of <c>/usr/local/bin/durq</c>, which a test machine does not have.
    /// </summary>
    [Fact]
    public async Task Systemd_accepts_the_units_and_rates_the_services_exposure_ok_or_better()
    {
        var durq = Path.Combine(RepositoryPaths.Root, RepositoryProgram.Durq, "bin", RepositoryProgram.Configuration, "net10.0", "durq");
        foreach (var unit in UnitNames)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(Units, unit));
            await File.WriteAllTextAsync(Path.Combine(_folder.Path, unit), text.Replace("/usr/local/bin/durq", durq, StringComparison.Ordinal));
        }

        var verify = await AnalyzeAsync(["verify", .. UnitNames]);
        Assert.True(verify.ExitCode == 0 && verify.Stderr.Trim().Length == 0, verify.ToString());

        foreach (var service in UnitNames.Where(name => name.EndsWith(".service", StringComparison.Ordinal)))
        {
            var security = await AnalyzeAsync(["security", "--offline=true", service]);
            var rating = ExposureLine().Match(security.Stdout);
            Assert.True(rating.Success, security.ToString());
            Assert.Contains(rating.Groups[1].Value, (string[])["PERFECT", "SAFE", "OK"]);
        }
    }

    private Task<ProcessResult> AnalyzeAsync(string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("systemd-analyze", args) { WorkingDirectory = _folder.Path };
        start.Environment["SYSTEMD_COLORS"] = "0";
        return ProcessRun.RunAsync(start, TimeSpan.FromSeconds(60));
    }

    [GeneratedRegex(@"Overall exposure level for \S+: [0-9.]+ (\w+)")]
    private static partial Regex ExposureLine();
}
