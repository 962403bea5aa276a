using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Durq.Cli.Parsing;

/// <summary>
/// Gives every numeric option of the command tree a parser whose error says what was expected in words
/// (<c>--max-attempts expects a whole number, got 'x'</c>) instead of System.CommandLine's .NET type name.
/// </summary>
internal static class ReadableNumbers
{
    private const string WholeNumber = "a whole number";
    private const string Number = "a number";

    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            Apply(option);
        }

        foreach (var subcommand in command.Subcommands)
        {
            Apply(subcommand);
        }
    }

    private static void Apply(Option option)
    {
        switch (option)
        {
            case Option<int> { CustomParser: null } whole:
                whole.CustomParser = result => Parse(result, WholeNumber, Int32) ?? 0;
                ValidateOnlyNumbers(whole, Int32);
                break;
            case Option<int?> { CustomParser: null } whole:
                whole.CustomParser = result => Parse(result, WholeNumber, Int32);
                ValidateOnlyNumbers(whole, Int32);
                break;
            case Option<long?> { CustomParser: null } whole:
                whole.CustomParser = result => Parse(result, WholeNumber, Int64);
                ValidateOnlyNumbers(whole, Int64);
                break;
            case Option<double?> { CustomParser: null } number:
                number.CustomParser = result => Parse(result, Number, FiniteDouble);
                ValidateOnlyNumbers(number, FiniteDouble);
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The option's own validators (a range check) read its value, which throws when it is no number; they run only when
    /// it is one, as the parser has already said what is wrong otherwise.
    /// </summary>
    private static void ValidateOnlyNumbers<T>(Option option, Func<string, T?> parse)
        where T : struct
    {
        var validators = option.Validators.ToList();
        option.Validators.Clear();
        option.Validators.Add(result =>
        {
            if (result.Tokens.All(token => parse(token.Value) is not null))
            {
                validators.ForEach(validate => validate(result));
            }
        });
    }

    private static int? Int32(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Int64(string text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? FiniteDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>The value of the option's one token, or null with an error naming the option and what it expects.</summary>
    private static T? Parse<T>(ArgumentResult result, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[^1].Value;
        if (parse(text) is { } value)
        {
            return value;
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError($"{name} expects {expected}, got '{text}'.");
        return null;
    }
}
