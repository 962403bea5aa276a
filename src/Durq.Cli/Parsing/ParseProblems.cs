using System.CommandLine;
using System.CommandLine.Help;
using Durq.Cli.Commands;

namespace Durq.Cli.Parsing;

/// <summary>
/// Reports a command line that cannot run, in place of System.CommandLine's report (its errors, then the whole help):
/// one line per problem, each naming the word at fault, so the line that matters is not buried under the help.
/// </summary>
internal static class ParseProblems
{
    /// <summary>Writes the problems of <paramref name="result"/> to standard error; false when there are none (or help was asked for).</summary>
    public static bool Report(ParseResult result)
    {
        if (result.Action is HelpAction)
        {
            return false;
        }

        var problems = Find(result);
        foreach (var problem in problems)
        {
            ClientAction.WriteError(problem);
        }

        return problems.Count > 0;
    }

    private static List<string> Find(ParseResult result)
    {
        // An unknown word comes first: the errors after it are mostly what it displaced (a missing value, a missing command).
        if (UnmatchedTokens.FirstProblem(result) is { } unmatched)
        {
            return [unmatched];
        }

        var command = result.CommandResult.Command;
        if (command.Action is null && command.Subcommands.Count > 0)
        {
            var path = UnmatchedTokens.CommandPath(result.CommandResult);
            return [$"'{path}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} ('{path} --help' describes them)."];
        }

        return [.. result.Errors.Select(error => error.Message).Distinct(StringComparer.Ordinal)];
    }
}
