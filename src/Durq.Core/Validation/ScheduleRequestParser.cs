using System.Text.Json;
using Durq.Core.Scheduling;
using Durq.Core.Tasks;

namespace Durq.Core.Validation;

/// <summary>
/// Reads the body of <c>POST /schedules</c> (API.md, "Schedules") into a new <see cref="Schedule"/>, and of
/// <c>PATCH /schedules/{id}</c> into a <see cref="SchedulePatch"/>, naming every bad member at once. What to enqueue is
/// checked as an enqueue would check it; the options may not hold absolute times (<c>run_at</c>, <c>expires_at</c>),
/// which a recurring task would pass after its first fire: <c>delay_seconds</c> and <c>schedule_to_start_seconds</c>
/// count from each fire. Members the API does not know are refused, so a misspelt policy is not silently ignored.
/// </summary>
internal static class ScheduleRequestParser
{
    public const int MaxNameLength = 200;
    public const int MaxCronLength = 200;

    private static readonly string[] Members =
        ["name", "activity_type", "input", "options", "cron", "time_zone", "overlap", "catch_up", "paused"];

    private static readonly string[] AbsoluteOptions = ["run_at", "expires_at"];

    public static Schedule ParseCreate(JsonElement body, string tenant, DateTimeOffset now, EnqueueLimits limits)
    {
        var fields = new FieldReader("");
        var patch = ReadMembers(body, fields, limits, now);
        foreach (var required in new[] { "name", "activity_type", "cron" })
        {
            if (body.ValueKind == JsonValueKind.Object && !FieldReader.TryGetSet(body, required, out _))
            {
                fields.Fail(required, "is required", $"Add '{required}' to the schedule.");
            }
        }

        if (body.ValueKind == JsonValueKind.Object && !body.TryGetProperty("input", out _))
        {
            fields.Fail("input", "is required (any JSON value, null included)", "Add 'input' to the schedule, e.g. \"input\": {}.");
        }

        if (fields.Errors.Count > 0)
        {
            throw new ValidationException(fields.Errors);
        }

        return new Schedule
        {
            Id = TaskIds.New(now),
            Tenant = tenant,
            Name = patch.Name!,
            ActivityType = patch.ActivityType!,
            InputJson = patch.InputJson!,
            OptionsJson = patch.OptionsJson ?? "{}",
            Cron = patch.Cron!,
            TimeZone = patch.TimeZone ?? CronSchedule.DefaultTimeZone,
            Overlap = patch.Overlap ?? ScheduleOverlap.Allow,
            CatchUp = patch.CatchUp ?? ScheduleCatchUp.None,
            Paused = patch.Paused ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        }.StartedAt(now);
    }

    /// <param name="current">The schedule as stored: a new cron is checked in its zone, a new zone with its cron.</param>
    public static SchedulePatch ParsePatch(JsonElement body, Schedule current, DateTimeOffset now, EnqueueLimits limits)
    {
        ArgumentNullException.ThrowIfNull(current);
        var fields = new FieldReader("");
        var patch = ReadMembers(body, fields, limits, now, current);
        return fields.Errors.Count > 0 ? throw new ValidationException(fields.Errors) : patch;
    }

    private static SchedulePatch ReadMembers(JsonElement body, FieldReader fields, EnqueueLimits limits, DateTimeOffset now, Schedule? current = null)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationError("$", $"must be a JSON object, not {FieldReader.Describe(body.ValueKind)}",
                "Send an object such as {\"name\": \"nightly-report\", \"activity_type\": \"report.build\", \"input\": {}, \"cron\": \"0 2 * * *\"}.")]);
        }

        foreach (var member in body.EnumerateObject().Where(m => !Members.Contains(m.Name)))
        {
            fields.Fail(member.Name, "is not a member of a schedule", "Send only " + string.Join(", ", Members) + ".");
        }

        var patch = new SchedulePatch
        {
            Name = Name(body, fields),
            ActivityType = ActivityType(body, fields),
            InputJson = Input(body, fields, limits),
            OptionsJson = Options(body, fields, now),
            Overlap = Policy(body, "overlap", SchedulePolicyNames.Overlaps, SchedulePolicyNames.ParseOverlap, fields),
            CatchUp = Policy(body, "catch_up", SchedulePolicyNames.CatchUps, SchedulePolicyNames.ParseCatchUp, fields),
            Paused = Paused(body, fields),
        };
        return ReadTiming(body, fields, current, patch);
    }

    /// <summary>The cron and zone, each checked with the other (the stored one when only one is sent).</summary>
    private static SchedulePatch ReadTiming(JsonElement body, FieldReader fields, Schedule? current, SchedulePatch patch)
    {
        var cron = fields.String(body, "cron", required: false);
        var zone = fields.String(body, "time_zone", required: false);
        if (cron is { Length: > MaxCronLength })
        {
            fields.Fail("cron", $"is {cron.Length} characters long; the limit is {MaxCronLength}", "Send a shorter cron expression.");
            return patch;
        }

        if (cron is null && zone is null)
        {
            return patch;
        }

        CronSchedule.TryParse(cron ?? current?.Cron ?? "* * * * *", zone ?? current?.TimeZone ?? CronSchedule.DefaultTimeZone, out var cronError, out var zoneError);
        if (cron is not null && cronError is not null)
        {
            fields.Fail("cron", cronError,
                "Send 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\", or 6 with seconds first, e.g. \"*/10 * * * * *\".");
        }

        if (zone is not null && zoneError is not null)
        {
            fields.Fail("time_zone", zoneError, "Send an IANA time zone name such as \"UTC\", \"Europe/Berlin\" or \"America/New_York\".");
        }

        return patch with { Cron = cron, TimeZone = zone };
    }

    private static string? Name(JsonElement body, FieldReader fields)
    {
        var name = fields.String(body, "name", required: false);
        if (name is null)
        {
            return null;
        }

        if (name.Length is 0 or > MaxNameLength || TextRules.IdentifierProblem(name) is not null)
        {
            fields.Fail("name", $"must be 1 to {MaxNameLength} printable characters", "Name the schedule, e.g. \"nightly-report\"; names are unique per tenant.");
            return null;
        }

        return name;
    }

    private static string? ActivityType(JsonElement body, FieldReader fields)
    {
        var type = fields.String(body, "activity_type", required: false);
        if (type is not null && !EnqueueRequestParser.IsValidActivityType(type))
        {
            fields.Fail("activity_type", $"must be 1 to {EnqueueRequestParser.MaxActivityTypeLength} characters: a letter or digit, then letters, digits and . _ : / -",
                "Use an activity type such as 'email.send' or 'billing/invoice:render'.");
            return null;
        }

        return type;
    }

    private static string? Input(JsonElement body, FieldReader fields, EnqueueLimits limits) =>
        body.TryGetProperty("input", out var input) ? EnqueueRequestParser.InputText(input, fields, limits) : null;

    /// <summary>The options as sent, checked as an enqueue checks them, without absolute times.</summary>
    private static string? Options(JsonElement body, FieldReader fields, DateTimeOffset now)
    {
        if (!FieldReader.TryGetSet(body, "options", out var options))
        {
            return null;
        }

        var before = fields.Errors.Count;
        TaskOptionsParser.Read(body, fields, now);
        if (options.ValueKind == JsonValueKind.Object)
        {
            foreach (var absolute in AbsoluteOptions.Where(name => options.TryGetProperty(name, out _)))
            {
                fields.Fail("options." + absolute, "is an absolute time, which a recurring task would pass after its first fire",
                    "Leave it out; use 'delay_seconds' or 'schedule_to_start_seconds', which count from each fire.");
            }
        }

        return fields.Errors.Count == before ? options.GetRawText() : null;
    }

    private static T? Policy<T>(JsonElement body, string name, IReadOnlyList<string> names, Func<string?, T?> parse, FieldReader fields)
        where T : struct
    {
        var text = fields.String(body, name, required: false);
        if (text is null)
        {
            return null;
        }

        if (parse(text) is { } policy)
        {
            return policy;
        }

        fields.Fail(name, $"must be one of {string.Join(", ", names.Select(n => $"'{n}'"))}, not '{text}'", $"Set '{name}' to one of {string.Join(", ", names)}.");
        return null;
    }

    private static bool? Paused(JsonElement body, FieldReader fields)
    {
        if (!FieldReader.TryGetSet(body, "paused", out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        fields.Fail("paused", $"must be true or false, not {FieldReader.Describe(value.ValueKind)}", "Set 'paused' to true or false.");
        return null;
    }
}
