// Not Durq.Cli.ProgramWorker, as the folder would have it: the full name is part of the contract (below), and
// tasks enqueued with it in non_retryable_error_types must keep matching.
namespace Durq.Cli;

/// <summary>
/// The program <c>durq worker</c> ran for a task exited with a non-zero code, or printed a result too large to keep.
/// Its full name, <c>Durq.Cli.ProgramFailedException</c>, is the <c>error.type</c> of the failed attempt, which is what
/// <c>options.retry.non_retryable_error_types</c> can list. The message, the task's error, is the
/// <see cref="Summary"/> and the tail of the program's stderr; the worker's log shows the parts apart.
/// </summary>
internal sealed class ProgramFailedException(string summary, string stderrTail, TimeSpan duration)
    : Exception(stderrTail.Length == 0 ? summary : $"{summary}: {stderrTail}")
{
    /// <summary>What went wrong, e.g. <c>exit code 3</c>.</summary>
    public string Summary { get; } = summary;

    /// <summary>The end of what the program wrote to stderr, trimmed; empty when it wrote nothing.</summary>
    public string StderrTail { get; } = stderrTail;

    /// <summary>How long the program ran.</summary>
    public TimeSpan Duration { get; } = duration;
}
