using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Durq.Cli.ProgramWorker;

/// <summary>
/// The console log of <c>durq worker</c>: one line per event, so one per task. A task whose program failed gets the
/// worker's line (attempt, what the task is now) with the exit code and run time, then the last lines of the program's
/// stderr, indented: what the person at the console needs, where the console logger would print a stack trace of the
/// worker's own code. Other exceptions show as their type and message; their stack trace only with <c>--verbose</c>.
/// </summary>
internal sealed class WorkerLogFormatter(IOptions<WorkerLogFormatter.Options> options) : ConsoleFormatter(Name)
{
    public new const string Name = "durq-worker";

    /// <summary>How many of the last stderr lines of a failed program the log shows (the task's error keeps more).</summary>
    public const int StderrLines = 5;

    private const string Indent = "    ";

    /// <summary>A run time as a person reads it: <c>7 ms</c>, <c>1.25 s</c>.</summary>
    public static string RunTime(TimeSpan duration) => duration < TimeSpan.FromSeconds(1)
        ? duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        textWriter.Write($"{DateTimeOffset.Now:HH:mm:ss} {Level(logEntry.LogLevel)}: {message}");
        switch (logEntry.Exception)
        {
            case null:
                textWriter.WriteLine();
                break;
            case ProgramFailedException failed:
                textWriter.WriteLine($" ({failed.Summary}, in {RunTime(failed.Duration)})");
                WriteTail(textWriter, failed.StderrTail);
                break;
            case var error when options.Value.Verbose:
                textWriter.WriteLine();
                textWriter.WriteLine(error.ToString());
                break;
            case var error:
                textWriter.WriteLine($" ({error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")})");
                break;
        }
    }

    private static void WriteTail(TextWriter textWriter, string stderr)
    {
        foreach (var line in stderr.Split('\n').Select(line => line.TrimEnd('\r')).TakeLast(StderrLines))
        {
            textWriter.WriteLine(Indent + line);
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    internal sealed class Options : ConsoleFormatterOptions
    {
        /// <summary><c>--verbose</c>: exceptions other than a program's failure are printed whole, with their stack trace.</summary>
        public bool Verbose { get; set; }
    }
}
