using System.Globalization;

namespace Durq.Bench.Suite;

/// <summary>Numbers as the peers' command lines read them, whatever this machine's culture.</summary>
internal static class InvariantNumbers
{
    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Rounded to a whole number, for options that take one.</summary>
    public static string Whole(double value) => Text(Math.Round(value));
}
