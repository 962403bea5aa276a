using System.Buffers.Text;
using System.Text;
using Durq.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Apis;

/// <summary>
/// The query of <c>GET /workers</c>: <c>limit</c> (1–500, default 100, as for tasks) and <c>cursor</c>. The cursor is
/// the last worker id of the previous page in base64url, so an id of any characters travels in a URL unescaped;
/// callers should treat it as opaque.
/// </summary>
internal static class WorkerListQuery
{
    public static (int Limit, string? After) Read(IQueryCollection query)
    {
        var reader = new QueryReader(query);
        return (reader.Integer("limit", 1, TaskListQuery.MaxLimit, TaskListQuery.DefaultLimit), After(reader));
    }

    public static string? Cursor(string? lastId) => lastId is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastId));

    private static string? After(QueryReader reader)
    {
        var text = reader.Single("cursor");
        if (text is null)
        {
            return null;
        }

        // IsValid first: decoding throws on characters outside the base64url alphabet.
        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        return text.Length > 0 && Base64Url.IsValid(text) && Base64Url.TryDecodeFromChars(text, bytes, out var written)
            && Utf8(bytes.AsSpan(0, written)) is { Length: <= WorkerRequestRules.MaxWorkerIdLength } id
            ? id
            : throw QueryReader.Invalid("cursor", "is not a cursor this server issued", "Pass the 'next_cursor' of the previous page unchanged, or leave it out.");
    }

    private static string? Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
