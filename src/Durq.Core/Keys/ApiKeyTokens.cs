using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Durq.Core.Keys;

/// <summary>
/// The key a caller sends, <c>durq_&lt;id&gt;_&lt;secret&gt;</c>: a 12-character id that finds the stored key, and a
/// 32-character secret (160 random bits) of which the store keeps only the SHA-256. A secret that random needs no slow
/// hash: nobody can guess it, and a stolen hash does not give it back.
/// </summary>
internal static class ApiKeyTokens
{
    public const string Prefix = "durq_";
    public const int IdLength = 12;
    public const int SecretLength = 32;

    // Lower-case letters and digits without the look-alikes 0/o and 1/l: a key read aloud or copied by hand survives.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);

    public static int TokenLength => Prefix.Length + IdLength + 1 + SecretLength;

    /// <summary>A new key's id and secret, and the token that joins them (shown once, never stored).</summary>
    public static (string Id, string Secret, string Token) Generate()
    {
        var id = RandomNumberGenerator.GetString(Alphabet, IdLength);
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        return (id, secret, Prefix + id + "_" + secret);
    }

    /// <summary>Splits a token into its id and secret; false for anything not shaped like a Durq key.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out string id, out ReadOnlySpan<char> secret)
    {
        id = "";
        secret = default;
        if (token.Length != TokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var idPart = token.Slice(Prefix.Length, IdLength);
        secret = token[(Prefix.Length + IdLength + 1)..];
        if (!IsInAlphabet(idPart) || !IsInAlphabet(secret))
        {
            return false;
        }

        id = idPart.ToString();
        return true;
    }

    public static byte[] HashSecret(ReadOnlySpan<char> secret)
    {
        Span<byte> utf8 = stackalloc byte[SecretLength * 3];
        var written = Encoding.UTF8.GetBytes(secret, utf8);
        return SHA256.HashData(utf8[..written]);
    }

    /// <summary>Whether <paramref name="secret"/> is the one <paramref name="hash"/> was made from, in time that does not depend on where they differ.</summary>
    public static bool Matches(ReadOnlySpan<char> secret, byte[] hash) => CryptographicOperations.FixedTimeEquals(HashSecret(secret), hash);

    private static bool IsInAlphabet(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(AlphabetChars);
}
