using System.Net.Http.Headers;

namespace Durq.Client;

/// <summary>
/// A Durq API key as the <c>Authorization: Bearer</c> header carries it. Only its shape is checked here (the server
/// decides whether it is valid), so that a pasted line break fails at once instead of in the middle of a request.
/// Messages never contain the key: it is a secret.
/// </summary>
internal static class ApiKeys
{
    public const string Problem = "an API key is printable ASCII without spaces, like durq_<id>_<secret>";

    /// <summary>Printable ASCII without spaces: what a bearer token may hold and a header can carry.</summary>
    public static bool IsWellFormed(string key) => key.Length > 0 && key.All(c => c is > ' ' and <= '~');

    /// <summary>The header for <paramref name="key"/>, or null for none (null or empty: an unset setting).</summary>
    public static AuthenticationHeaderValue? Header(string? key, string parameterName)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        return IsWellFormed(key)
            ? new AuthenticationHeaderValue("Bearer", key)
            : throw new ArgumentException($"The API key is malformed: {Problem}.", parameterName);
    }
}
