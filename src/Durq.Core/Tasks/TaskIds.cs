using System.Buffers.Binary;

namespace Durq.Core.Tasks;

/// <summary>
/// Task ids are UUIDv7: time-ordered, so "newest first" is "highest id first" and ties in claim order fall to the
/// older task. Within one process ids also never go backwards: two ids made in the same millisecond (a batch, say)
/// are ordered as they were made, following RFC 9562's "monotonic random" method.
/// </summary>
internal static class TaskIds
{
    private static readonly Lock Gate = new();
    private static UInt128 _last;

    public static Guid New(DateTimeOffset now)
    {
        var candidate = ToNumber(Guid.CreateVersion7(now));
        lock (Gate)
        {
            if (candidate <= _last && IsSameVersionAndVariant(_last + 1, _last))
            {
                candidate = _last + 1;
            }

            _last = candidate;
        }

        return ToGuid(candidate);
    }

    /// <summary>The canonical wire and storage form: lowercase, hyphenated.</summary>
    public static string Format(Guid id) => id.ToString("D");

    /// <summary>
    /// Orders ids as their canonical text orders them (what SQLite's text column and PostgreSQL's uuid sort by), so
    /// UUIDv7 ids come out oldest first; compares the numbers, without formatting either id.
    /// </summary>
    public static int CompareAsText(Guid x, Guid y) => ToNumber(x).CompareTo(ToNumber(y));

    /// <summary>Accepts the hyphenated form in any case, as the seed's own example uses upper case.</summary>
    public static bool TryParse(string? text, out Guid id) =>
        Guid.TryParseExact(text, "D", out id);

    private static UInt128 ToNumber(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static Guid ToGuid(UInt128 number)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, number);
        return new Guid(bytes, bigEndian: true);
    }

    // Incrementing carries into the version or variant bits only after 2^62 ids in one millisecond; never in practice.
    private static bool IsSameVersionAndVariant(UInt128 next, UInt128 last)
    {
        var mask = ((UInt128)0xF << 76) | ((UInt128)0x3 << 62);
        return (next & mask) == (last & mask);
    }
}
