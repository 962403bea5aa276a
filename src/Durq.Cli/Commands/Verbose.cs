using System.CommandLine;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>--verbose</c>, an option of every command: a failure is reported in one line that says what to do, and only with
/// this option also with the exception and its stack trace, for a bug report.
/// </summary>
internal static class Verbose
{
    public static Option<bool> Option { get; } = new("--verbose")
    {
        Description = "On a failure, also print the exception and its stack trace.",
        Recursive = true,
    };

    public static bool IsOn(ParseResult result) => result.GetValue(Option);

    /// <summary>Writes <paramref name="error"/> in full to standard error when <c>--verbose</c> was given.</summary>
    public static void WriteDetails(ParseResult result, Exception error)
    {
        if (IsOn(result))
        {
            Console.Error.WriteLine(error.ToString());
        }
    }
}
