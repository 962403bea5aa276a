using Durq.Cli.ProgramWorker;

namespace Durq.Cli.Tests;

/// <summary>How a program's output becomes a result or an error message, without running a program.</summary>
public sealed class ProgramOutputTests
{
    [Theory]
    [InlineData("{\"a\":1}\n", "{\"a\":1}")]
    [InlineData("  [1, 2]  \r\n", "[1, 2]")]
    [InlineData("42\n", "42")]
    [InlineData("true", "true")]
    [InlineData("\"quoted\"\n", "\"quoted\"")]
    [InlineData("hello\n", "\"hello\"")]
    [InlineData("two\nlines\n\n", "\"two\\nlines\"")]
    [InlineData("  indented\n", "\"  indented\"")]
    [InlineData("{\"a\":1} {\"b\":2}", "\"{\\\"a\\\":1} {\\\"b\\\":2}\"")]
    [InlineData("héllo ✓\n", "\"héllo ✓\"")]
    public void Stdout_that_is_one_json_value_is_the_result_and_anything_else_a_json_string(string stdout, string expected) =>
        Assert.Equal(expected, ProgramResult.FromStdout(stdout)?.Json);

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\n")]
    public void Blank_stdout_is_no_result(string stdout) => Assert.Null(ProgramResult.FromStdout(stdout));

    [Fact]
    public async Task Only_the_tail_of_a_long_stderr_is_kept()
    {
        var stderr = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}\n"));

        var tail = await OutputTail.ReadAsync(new StringReader(stderr), 100);

        Assert.Equal(101, tail.Length);
        Assert.StartsWith("…", tail, StringComparison.Ordinal);
        Assert.EndsWith("line 4999\n", tail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_stderr_is_kept_whole()
    {
        Assert.Equal("boom\n", await OutputTail.ReadAsync(new StringReader("boom\n"), 100));
    }
}
