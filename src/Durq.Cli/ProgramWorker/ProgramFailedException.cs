// Not Durq.Cli.ProgramWorker, as the folder would have it: the full name is part of the contract (below), and
// tasks enqueued with it in non_retryable_error_types must keep matching.
namespace Durq.Cli;

/// <summary>
/// The program <c>durq worker</c> ran for a task exited with a non-zero code, or printed a result too large to keep.
/// Its full name, <c>Durq.Cli.ProgramFailedException</c>, is the <c>error.type</c> of the failed attempt, which is what
/// <c>options.retry.non_retryable_error_types</c> can list.
/// </summary>
internal sealed class ProgramFailedException(string message) : Exception(message);
