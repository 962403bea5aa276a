using System.Diagnostics;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// The dashboard in a real browser: dashboard/tests/dashboard.browser.mjs drives Debian's chromium (playwright-core, from
/// dashboard/package-lock.json; never a downloaded browser) against a real <c>durq serve</c>. It enqueues tasks, sees the
/// overview's numbers move without a reload while a worker completes some and fails others, opens a dead task, retries
/// it and sees it pending. Screenshots of every page land in the test's output folder, <c>dashboard-screenshots/</c>.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string Dashboard = Path.Combine(RepositoryPaths.Root, "dashboard");

    private readonly TempDir _data = new();
    private DurqProcess _durq = null!;

    public async Task InitializeAsync() => _durq = await DurqProcess.StartAsync(_data.Path);

    public async Task DisposeAsync()
    {
        await _durq.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_dashboard_shows_live_counts_and_retries_a_dead_task_in_a_browser()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/run does).");
        Assert.True(Directory.Exists(Path.Combine(Dashboard, "node_modules", "playwright-core")),
            "dashboard/node_modules is missing: run 'npm ci' in dashboard (./test.sh does).");
        var screenshots = Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

        var start = new ProcessStartInfo("node") { WorkingDirectory = Dashboard };
        foreach (var arg in new[] { Path.Combine("tests", "dashboard.browser.mjs"), _durq.BaseAddress.ToString(), screenshots })
        {
            start.ArgumentList.Add(arg);
        }

        var run = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var page in new[] { "overview", "overview-dark", "tasks", "task-dead", "task-retried", "dead-letters", "workers" })
        {
            Assert.True(new FileInfo(Path.Combine(screenshots, page + ".png")).Length > 10_000, $"no screenshot of {page}");
        }
    }
}
