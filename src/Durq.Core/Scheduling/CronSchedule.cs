using Cronos;

namespace Durq.Core.Scheduling;

/// <summary>
/// A parsed cron expression in its time zone. The parsing, the calendar and daylight saving time are Cronos's: five
/// fields (minute first), or six with seconds first; a wall-clock time that a spring-forward skips fires at the first
/// instant after the gap, and one that a fall-back repeats fires once, at its first (daylight) instant, unless the
/// expression is an interval that fires in both.
/// </summary>
internal sealed class CronSchedule
{
    public const string DefaultTimeZone = "UTC";

    private readonly CronExpression _expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The schedule, or null with <paramref name="cronError"/> or <paramref name="zoneError"/> saying what is wrong.</summary>
    public static CronSchedule? TryParse(string cron, string timeZone, out string? cronError, out string? zoneError)
    {
        ArgumentNullException.ThrowIfNull(cron);
        cronError = null;
        zoneError = null;
        var expression = TryParseExpression(cron, out cronError);
        var zone = TryFindZone(timeZone, out zoneError);
        return expression is not null && zone is not null ? new CronSchedule(expression, zone) : null;
    }

    /// <summary>A schedule stored after it was validated: an error here is a bug or a zone the host no longer knows.</summary>
    public static CronSchedule Parse(string cron, string timeZone) =>
        TryParse(cron, timeZone, out var cronError, out var zoneError)
        ?? throw new FormatException($"Stored schedule is not valid: {cronError ?? zoneError}");

    /// <summary>The first fire time strictly after <paramref name="after"/>, or null when there is none (e.g. 30 February).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _expression.GetNextOccurrence(after, Zone, inclusive: false);

    /// <summary>The first fire time at or after <paramref name="from"/>.</summary>
    public DateTimeOffset? NextFrom(DateTimeOffset from) => _expression.GetNextOccurrence(from, Zone, inclusive: true);

    private static CronExpression? TryParseExpression(string cron, out string? error)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"has {fields} fields; a cron expression has 5 (minute hour day month weekday) or 6 (second first)";
            return null;
        }

        try
        {
            error = null;
            return CronExpression.Parse(cron.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException invalid)
        {
            error = "is not a valid cron expression: " + invalid.Message.TrimEnd('.');
            return null;
        }
    }

    private static TimeZoneInfo? TryFindZone(string timeZone, out string? error)
    {
        error = null;
        try
        {
            // IANA names only: Windows names (which .NET would also accept on some hosts) are not part of the contract.
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZone, out _) && !TimeZoneInfo.TryConvertIanaIdToWindowsId(timeZone, out _))
            {
                error = $"'{timeZone}' is a Windows time zone name; send an IANA name such as 'Europe/Berlin'";
                return null;
            }

            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception notFound) when (notFound is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            error = $"'{timeZone}' is not an IANA time zone this server knows";
            return null;
        }
    }
}
