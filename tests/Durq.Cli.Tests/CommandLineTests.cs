using Durq.Cli.Parsing;

namespace Durq.Cli.Tests;

/// <summary>
/// A command line durq cannot run as typed stops it at once, before it starts anything, with one line that names the
/// word at fault in the user's terms, and the nearest option when one is close.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDir _folder = new();

    private string DataDir => Path.Combine(_folder.Path, "data");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--data-dirr", "unknown option --data-dirr (did you mean --data-dir?)")]
    [InlineData("--bogus", "unknown option --bogus ('durq serve --help' lists the options).")]
    [InlineData("--port", "unknown option --port ('durq serve --help' lists the options).")]
    [InlineData("--Auht:Mode=none", "--Auht:Mode is no setting: 'Auht' is not a section of Durq's configuration (did you mean --Auth:Mode?)")]
    [InlineData("--Auth:Mode", "--Auth:Mode needs its value after '=': --Auth:Mode=<value>.")]
    [InlineData("urls=x", "unexpected argument 'urls=x' ('durq serve --help' shows what 'durq serve' takes).")]
    public async Task Serve_refuses_what_is_neither_its_option_nor_a_setting_and_starts_nothing(string word, string line)
    {
        var run = await Cli.RunAsync(["serve", "--data-dir", DataDir, "--urls", "http://127.0.0.1:0", word, "9000"]);

        Assert.Equal("error: " + line, Cli.OneLineOfStderr(run));
        Assert.DoesNotContain("listening", run.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDir), "serve created its data folder before refusing its command line");
    }

    [Theory]
    [InlineData(new[] { "enqueue", "a", "--prority", "3" }, "unknown option --prority (did you mean --priority?)")]
    [InlineData(new[] { "worker", "--activity-type", "a", "--concurency", "2", "--", "cat" }, "unknown option --concurency (did you mean --concurrency?)")]
    [InlineData(new[] { "tasks", "lst" }, "'durq tasks' has no command 'lst' (did you mean 'durq tasks list'?)")]
    [InlineData(new[] { "tasks" }, "'durq tasks' needs a command: list, show, explain, cancel, delete ('durq tasks --help' describes them).")]
    [InlineData(new[] { "tasks", "show", "x", "y" }, "unexpected argument 'y' ('durq tasks show --help' shows what 'durq tasks show' takes).")]
    [InlineData(new[] { "enqueue", "a", "--max-attempts", "x" }, "--max-attempts expects a whole number, got 'x'.")]
    [InlineData(new[] { "enqueue", "a", "--delay", "soon" }, "--delay expects a number, got 'soon'.")]
    [InlineData(new[] { "worker", "--activity-type", "a", "--concurrency", "many", "--", "cat" }, "--concurrency expects a whole number, got 'many'.")]
    [InlineData(new[] { "migrate", "--data-dri", "x" }, "unknown option --data-dri (did you mean --data-dir?)")]
    public async Task Every_command_refuses_an_unknown_word_or_a_bad_number_in_one_line(string[] args, string line)
    {
        var run = await Cli.RunAsync(args);

        Assert.Equal("error: " + line, Cli.OneLineOfStderr(run));
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Serve_help_describes_the_settings_form_and_balances_its_brackets()
    {
        var run = await Cli.RunAsync(["serve", "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("durq serve [<--Section:Key=value>...] [options]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Any other setting as --Section:Key=value", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(run.Stdout.Count(c => c == '['), run.Stdout.Count(c => c == ']'));
        Assert.Contains("--verbose", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_default_server_url_once()
    {
        var run = await Cli.RunAsync(["tasks", "list", "--help"]);

        var line = Assert.Single(run.Stdout.Split('\n'), l => l.TrimStart().StartsWith("--url", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "http://127.0.0.1:8080"));
    }

    [Theory]
    [InlineData("--data-dirr", "--data-dir", 1)]
    [InlineData("Auht", "Auth", 1)]
    [InlineData("port", "urls", 4)]
    public void Suggestions_count_a_swap_of_neighbours_as_one_edit(string typed, string meant, int distance) =>
        Assert.Equal(distance, Suggestion.Distance(typed, meant));
}
