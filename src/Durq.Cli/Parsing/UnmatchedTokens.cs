using System.CommandLine;
using System.CommandLine.Parsing;

namespace Durq.Cli.Parsing;

/// <summary>
/// What <c>durq</c> says about a word on its command line that no option, argument or command took: one line naming it,
/// and the nearest of the command's own names when one is close (<c>unknown option --data-dirr (did you mean --data-dir?)</c>).
/// </summary>
internal static class UnmatchedTokens
{
    /// <summary>The problem with the first token in <paramref name="result"/> that is neither matched nor a setting the command accepts; null if none.</summary>
    public static string? FirstProblem(ParseResult result)
    {
        return result.UnmatchedTokens.Count == 0 ? null : Describe(result.UnmatchedTokens[0], result.CommandResult);
    }

    /// <summary>The one line about <paramref name="token"/>, which the command of <paramref name="command"/> does not take.</summary>
    public static string Describe(string token, CommandResult command)
    {
        var path = CommandPath(command);
        return Describe(token, command.Command, path);
    }

    private static string Describe(string token, Command command, string path)
    {
        if (token.StartsWith('-'))
        {
            var name = token.Split('=', 2)[0];
            var nearest = Suggestion.Nearest(name, command.Options.Where(option => !option.Hidden).SelectMany(option => option.Aliases.Prepend(option.Name)).Where(alias => alias.StartsWith("--", StringComparison.Ordinal)));
            return $"unknown option {name} " + (nearest is null ? $"('{path} --help' lists the options)." : $"(did you mean {nearest}?)");
        }

        if (command.Subcommands.Count > 0)
        {
            var nearest = Suggestion.Nearest(token, command.Subcommands.Select(subcommand => subcommand.Name));
            return $"'{path}' has no command '{token}' " + (nearest is null ? $"('{path} --help' lists its commands)." : $"(did you mean '{path} {nearest}'?)");
        }

        return $"unexpected argument '{token}' ('{path} --help' shows what '{path}' takes).";
    }

    /// <summary>The command as typed, e.g. <c>durq tasks list</c>.</summary>
    public static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (var symbol = command; symbol is not null; symbol = symbol.Parent as CommandResult)
        {
            names.Insert(0, symbol.Command is RootCommand ? "durq" : symbol.Command.Name);
        }

        return string.Join(' ', names);
    }
}
