using Spectre.Console;

namespace Durq.Cli.Output;

/// <summary>
/// The consoles the client commands write to: tables and messages on stdout, errors on stderr. Spectre drops colours
/// by itself when a stream is redirected (and honours NO_COLOR).
/// </summary>
internal static class Terminal
{
    // A pipe has no width, and Spectre would assume 80 columns and wrap ids across lines, which defeats grep and cut.
    // Tables are only as wide as their content, so a generous width costs nothing; COLUMNS still wins when set.
    private const int RedirectedWidth = 400;

    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>Writes data meant for other programs (an id, JSON) exactly as given: no markup, no wrapping.</summary>
    public static void WriteRaw(string text) => Console.Out.WriteLine(text);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0
                ? columns
                : RedirectedWidth;
        }

        return console;
    }
}
