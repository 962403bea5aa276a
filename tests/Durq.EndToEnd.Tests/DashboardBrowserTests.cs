using System.Diagnostics;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// The dashboard in a real browser: the scripts in dashboard/tests drive Debian's chromium (playwright-core, from
/// dashboard/package-lock.json; never a downloaded browser) against a real <c>durq serve</c>. One enqueues tasks, sees the
/// overview's numbers move without a reload while a worker completes some and fails others, opens a dead task, retries
/// it and sees it pending; the other signs in to a server that needs a key. Screenshots of every page land in the test's
/// output folder, <c>dashboard-screenshots/</c>.
/// </summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string Dashboard = Path.Combine(RepositoryPaths.Root, "dashboard");

    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

    private readonly TempDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_dashboard_shows_live_counts_and_retries_a_dead_task_in_a_browser()
    {
        await using var durq = await DurqProcess.StartAsync(_data.Path);

        var run = await RunScriptAsync("dashboard.browser.mjs", durq.BaseAddress.ToString(), Screenshots);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var page in new[] { "overview", "overview-dark", "tasks", "task-dead", "task-retried", "dead-letters", "workers" })
        {
            AssertScreenshot(page);
        }
    }

    [Fact]
    public async Task On_a_server_that_needs_a_key_the_dashboard_signs_in_refuses_a_wrong_key_and_signs_out()
    {
        var created = await ProcessRun.RunAsync(RepositoryProgram.StartInfo(RepositoryProgram.Durq,
            ["keys", "create", "--data-dir", _data.Path, "--tenant", "default", "--scopes", "read,manage,enqueue", "--name", "dashboard"]),
            TimeSpan.FromSeconds(60));
        Assert.True(created.ExitCode == 0, created.ToString());
        await using var durq = await DurqProcess.StartAsync(_data.Path);

        var run = await RunScriptAsync("dashboard.signin.browser.mjs", durq.BaseAddress.ToString(), Screenshots, created.Stdout.Trim());

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertScreenshot("sign-in");
    }

    private static async Task<ProcessResult> RunScriptAsync(string script, params string[] args)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/run does).");
        Assert.True(Directory.Exists(Path.Combine(Dashboard, "node_modules", "playwright-core")),
            "dashboard/node_modules is missing: run 'npm ci' in dashboard (./test.sh does).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Dashboard };
        start.ArgumentList.Add(Path.Combine("tests", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(3));
    }

    private static void AssertScreenshot(string page) =>
        Assert.True(new FileInfo(Path.Combine(Screenshots, page + ".png")).Length > 10_000, $"no screenshot of {page}");
}
