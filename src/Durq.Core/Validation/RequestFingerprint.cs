using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Durq.Core.Validation;

/// <summary>
/// The fingerprint an <c>Idempotency-Key</c> is checked against: SHA-256 of the body re-written without
/// insignificant whitespace, so a retry that formats the same JSON differently still counts as the same request.
/// </summary>
internal static class RequestFingerprint
{
    public static string Compute(JsonElement body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
