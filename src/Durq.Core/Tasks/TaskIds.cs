namespace Durq.Core.Tasks;

/// <summary>Task ids are UUIDv7: time-ordered, so "newest first" is "highest id first".</summary>
public static class TaskIds
{
    public static Guid New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow());

    /// <summary>The canonical wire and storage form: lowercase, hyphenated.</summary>
    public static string Format(Guid id) => id.ToString("D");

    /// <summary>Accepts the hyphenated form in any case, as the seed's own example uses upper case.</summary>
    public static bool TryParse(string? text, out Guid id) =>
        Guid.TryParseExact(text, "D", out id);
}
