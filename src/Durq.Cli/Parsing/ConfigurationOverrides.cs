using Durq.Server.Hosting;

namespace Durq.Cli.Parsing;

/// <summary>
/// The one form in which <c>durq serve</c> takes a setting on its command line: <c>--Section:Key=value</c>, the name
/// holding a colon after one of the sections Durq reads (<see cref="DurqSettings.Sections"/>), the value after '='.
/// Anything else is a mistake to report, not a setting to ignore: ASP.NET Core would take <c>--data-dirr x</c> as a
/// setting of that name and start on the defaults without a word.
/// </summary>
internal static class ConfigurationOverrides
{
    /// <summary>The documented form, for help and messages.</summary>
    public const string Form = "--Section:Key=value";

    /// <summary>
    /// Whether <paramref name="token"/> is meant as a setting (<c>--</c> and a colon in its name); if so,
    /// <paramref name="problem"/> is null when it is in the allowed form, else what is wrong with it.
    /// </summary>
    public static bool IsSetting(string token, out string? problem)
    {
        problem = null;
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? token : token[..equals];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (!name.StartsWith("--", StringComparison.Ordinal) || colon < 0)
        {
            return false;
        }

        var section = name[2..colon];
        if (!DurqSettings.Sections.Contains(section, StringComparer.OrdinalIgnoreCase))
        {
            var nearest = Suggestion.Nearest(section, DurqSettings.Sections);
            problem = $"{name} is no setting: '{section}' is not a section of Durq's configuration "
                + (nearest is null ? $"({string.Join(", ", DurqSettings.Sections)})." : $"(did you mean --{nearest}{name[colon..]}?)");
        }
        else if (equals < 0 || colon == name.Length - 1)
        {
            problem = $"{name} needs its value after '=': {name}=<value>.";
        }

        return true;
    }
}
