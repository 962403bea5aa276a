using System.Text.RegularExpressions;

namespace Durq.Core;

/// <summary>Every row carries a tenant; an API key names its own, and a keyless caller on loopback is this default one.</summary>
internal static partial class Tenants
{
    public const string Default = "default";

    /// <summary>What a tenant name may be (API.md): lower-case letters, digits, '_' and '-', starting with a letter or digit.</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9_-]{0,62}$";

    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
