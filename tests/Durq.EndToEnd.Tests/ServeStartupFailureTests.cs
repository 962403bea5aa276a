using System.Text.RegularExpressions;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// <c>durq serve</c> on data it cannot use stops at once with a non-zero exit and one line on standard error that names
/// the file (or the process in the way) and says what to do: no host log of a failed start, no stack trace.
/// </summary>
public sealed partial class ServeStartupFailureTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private readonly TempDir _data = new();

    private string DatabasePath => Path.Combine(_data.Path, "durq.db");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_serve_with_one_line_naming_it()
    {
        await File.WriteAllTextAsync(DatabasePath, string.Concat(Enumerable.Repeat("these are someone's notes, not a database. ", 50)));

        await ServeRefusesTheDatabaseAsync("Restore it from a backup, or move it away");
    }

    [Fact]
    public async Task A_database_cut_short_stops_serve_with_one_line_naming_it()
    {
        await CreateDatabaseAsync();
        await using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length / 2);
        }

        await ServeRefusesTheDatabaseAsync("cut short");
    }

    [Fact]
    public async Task A_damaged_schema_page_stops_serve_with_one_line_naming_it()
    {
        await CreateDatabaseAsync();
        await using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Write))
        {
            // Page 1 holds the schema after the 100-byte file header: garbage there is found on the first query.
            file.Position = 100;
            file.Write(Enumerable.Repeat((byte)0xA5, 3000).ToArray());
        }

        await ServeRefusesTheDatabaseAsync("damaged");
    }

    [Fact]
    public async Task A_second_serve_on_the_same_data_folder_refuses_to_start_naming_the_first()
    {
        await using var first = await DurqProcess.StartAsync(_data.Path);
        var pid = await File.ReadAllTextAsync(Path.Combine(_data.Path, "durq.lock"));

        var line = await ServeFailsWithOneLineAsync();

        Assert.Contains($"in use by another Durq process (pid {pid})", line, StringComparison.Ordinal);
        Assert.Contains(_data.Path, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_serve_killed_without_a_word_leaves_no_lock_behind()
    {
        await using (var crashed = await DurqProcess.StartAsync(_data.Path))
        {
            await crashed.KillAsync();
        }

        Assert.True(File.Exists(Path.Combine(_data.Path, "durq.lock")));
        await using var next = await DurqProcess.StartAsync(_data.Path);
        Assert.Contains("Durq listening on", next.Output, StringComparison.Ordinal);
    }

    /// <summary>Asserts that <c>durq serve</c> refuses to start with one line naming <c>durq.db</c> and saying <paramref name="why"/>.</summary>
    private async Task ServeRefusesTheDatabaseAsync(string why)
    {
        var line = await ServeFailsWithOneLineAsync();
        Assert.Contains(DatabasePath, line, StringComparison.Ordinal);
        Assert.Contains(why, line, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>durq serve</c> on the folder; asserts it exits non-zero with exactly one line on stderr, and returns that line.</summary>
    private async Task<string> ServeFailsWithOneLineAsync()
    {
        var run = await ProcessRun.RunAsync(
            RepositoryProgram.StartInfo(RepositoryProgram.Durq, ["serve", "--urls", "http://127.0.0.1:0", "--data-dir", _data.Path]), Within);

        Assert.True(run.ExitCode != 0, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, run.ToString());
        Assert.DoesNotMatch(StackFrame(), run.Stdout + run.Stderr);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        return lines[0];
    }

    /// <summary>A database made by a first start, then closed (the WAL folded into the file), with a few pages of tasks.</summary>
    private async Task CreateDatabaseAsync()
    {
        await using (var durq = await DurqProcess.StartAsync(_data.Path))
        {
            using var http = durq.CreateClient();
            for (var i = 0; i < 50; i++)
            {
                using var response = await http.PostAsync(
                    "/api/v1/durable/tasks", new StringContent($$"""{"activity_type":"a","input":"{{new string('x', 2000)}}"}""",
                        System.Text.Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
            }

            await durq.TerminateAsync();
        }
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
