using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Durq.Client;
using Durq.Contracts;
using Microsoft.Extensions.Logging;

namespace Durq.Cli.ProgramWorker;

/// <summary>
/// The handler <c>durq worker</c> registers for each activity type: runs the program once per task, with the task's
/// input on stdin, and turns its exit code and output into the task's outcome (docs/writing-workers.md).
/// </summary>
internal sealed partial class ProgramHandler(IReadOnlyList<string> commandLine, int maxResultBytes, ILogger<ProgramHandler> logger)
{
    /// <summary>How much of stderr a failure keeps: enough for a stack trace's top, small enough for every error list.</summary>
    public const int StderrTailChars = 2000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<RawJson?> RunAsync(RawJson input, DurqTaskContext task)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await RunProgramAsync(input, task, started);
        // The failures are logged by the worker with its report (WorkerLogFormatter shows the program's side of them).
        LogCompleted(task.TaskId, task.ActivityType, WorkerLogFormatter.RunTime(Stopwatch.GetElapsedTime(started)));
        return result;
    }

    private async Task<RawJson?> RunProgramAsync(RawJson input, DurqTaskContext task, long started)
    {
        using var process = Process.Start(StartInfo(task))
            ?? throw new InvalidOperationException($"'{commandLine[0]}' did not start.");
        // Cancelled, lease lost, or the worker's shutdown timeout ran out: nothing the program does now would count.
        using var kill = task.CancellationToken.Register(() => KillTree(process));
        // All three streams at once: a program blocked writing a full stdout pipe would never read the rest of its stdin.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = OutputTail.ReadAsync(process.StandardError, StderrTailChars);
        var stdin = WriteInputAsync(process.StandardInput, input);
        await process.WaitForExitAsync(CancellationToken.None);
        // Output ends when everything the program started has closed it too; a cancelled task does not wait for those.
        await Task.WhenAll(stdout, stderr, stdin).WaitAsync(task.CancellationToken);
        return Outcome(process.ExitCode, await stdout, await stderr, Stopwatch.GetElapsedTime(started), task.CancellationToken);
    }

    private ProcessStartInfo StartInfo(DurqTaskContext task)
    {
        // ArgumentList, and no shell: arguments reach the program exactly as given to durq worker.
        var start = new ProcessStartInfo(commandLine[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DURQ_TASK_ID"] = task.TaskId;
        start.Environment["DURQ_ACTIVITY_TYPE"] = task.ActivityType;
        start.Environment["DURQ_ATTEMPT"] = task.Attempt.ToString(CultureInfo.InvariantCulture);
        start.Environment["DURQ_MAX_ATTEMPTS"] = task.MaxAttempts.ToString(CultureInfo.InvariantCulture);
        return start;
    }

    private static async Task WriteInputAsync(StreamWriter stdin, RawJson input)
    {
        try
        {
            await stdin.WriteAsync(input.Json);
            await stdin.FlushAsync();
        }
        catch (IOException)
        {
            // The program exited, or closed stdin before reading all of it: its exit code says how that went.
        }
        finally
        {
            CloseQuietly(stdin);
        }
    }

    private static void CloseQuietly(StreamWriter stdin)
    {
        try
        {
            stdin.Dispose(); // the program reads end-of-file: the whole input has arrived
        }
        catch (IOException)
        {
            // As above: the pipe is already broken.
        }
    }

    private RawJson? Outcome(int exitCode, string stdout, string stderr, TimeSpan duration, CancellationToken cancellation)
    {
        if (exitCode != 0)
        {
            // Killed because the task was cancelled (or abandoned): that, not the program, is why it ended.
            cancellation.ThrowIfCancellationRequested();
            throw new ProgramFailedException($"exit code {exitCode}", stderr.Trim(), duration);
        }

        var result = ProgramResult.FromStdout(stdout);
        // Checked here: the server would refuse the completion, and the task would come back only when its lease expired.
        if (result is { } json && Encoding.UTF8.GetByteCount(json.Json) is var size && size > maxResultBytes)
        {
            throw new ProgramFailedException(
                $"exit code 0, but the result is {size} bytes and at most {maxResultBytes} are kept. " +
                "Print less, or write the output elsewhere and print where.", "", duration);
        }

        return result;
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception error) when (error is InvalidOperationException or Win32Exception or AggregateException)
        {
            // It exited on its own meanwhile, or a child is beyond reach; either way there is nothing more to do.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} ({ActivityType}) completed in {Duration}")]
    private partial void LogCompleted(string taskId, string activityType, string duration);
}
