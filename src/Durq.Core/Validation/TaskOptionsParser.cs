using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Durq.Core.Tasks;

namespace Durq.Core.Validation;

/// <summary>
/// Reads <c>options</c> of an enqueue body and fills in every default. The members, ranges and defaults are those of
/// <see cref="TaskOptionFields"/>; only the rules no table can hold (<c>run_at</c> against <c>delay_seconds</c>) are here.
/// </summary>
internal static partial class TaskOptionsParser
{
    /// <param name="repeated">Within a batch, the options already parsed for an earlier task (see <see cref="RepeatedOptions"/>).</param>
    public static TaskOptions Read(JsonElement body, FieldReader bodyFields, DateTimeOffset now, RepeatedOptions? repeated = null)
    {
        if (repeated is not null && repeated.TryGet(body, out var earlier))
        {
            return earlier;
        }

        var hasOptions = FieldReader.TryGetSet(body, "options", out var options);
        if (hasOptions && options.ValueKind != JsonValueKind.Object)
        {
            bodyFields.Fail("options", $"must be an object, not {FieldReader.Describe(options.ValueKind)}",
                "Send 'options' as an object, e.g. {\"max_attempts\": 3}, or leave it out.");
            hasOptions = false;
        }

        var source = hasOptions ? options : EmptyObject;
        var fields = new FieldReader(bodyFields.Path("options."));
        var values = new TaskOptionValues();
        ReadMembers(source, null, fields, values, now);
        foreach (var group in TaskOptionFields.Groups)
        {
            ReadGroup(source, group, fields, values, now);
        }

        bodyFields.AddAll(fields.Errors);
        var parsed = TaskOptions.From(values);
        if (repeated is not null && fields.Errors.Count == 0)
        {
            repeated.Remember(body, parsed);
        }

        return parsed;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    private static void ReadGroup(JsonElement options, string group, FieldReader optionFields, TaskOptionValues values, DateTimeOffset now)
    {
        var hasGroup = FieldReader.TryGetSet(options, group, out var element);
        if (hasGroup && element.ValueKind != JsonValueKind.Object)
        {
            var example = TaskOptionFields.All.First(f => f.Group == group);
            optionFields.Fail(group, $"must be an object, not {FieldReader.Describe(element.ValueKind)}",
                FormattableString.Invariant(
                    $"Send 'options.{group}' as an object such as {{\"{example.Name}\": {example.DefaultValue}}}, or leave it out."));
            hasGroup = false;
        }

        var fields = new FieldReader(optionFields.Path(group + "."));
        ReadMembers(hasGroup ? element : EmptyObject, group, fields, values, now);
        optionFields.AddAll(fields.Errors);
    }

    /// <summary>Each group's fields (the top level under the empty name), found once rather than for every task.</summary>
    private static readonly Dictionary<string, TaskOptionField[]> FieldsByGroup = TaskOptionFields.All
        .GroupBy(f => f.Group ?? "")
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static void ReadMembers(JsonElement parent, string? group, FieldReader fields, TaskOptionValues values, DateTimeOffset now)
    {
        foreach (var field in FieldsByGroup[group ?? ""])
        {
            values.Set(field, field switch
            {
                IntegerOptionField integer => ReadInteger(parent, integer, fields, values),
                NumberOptionField number => fields.Number(parent, number.Name, number.Minimum, number.Maximum, number.Default),
                TimeOptionField time when time == TaskOptionFields.RunAt => ReadRunAt(parent, time, fields, values, now),
                OptionalIntegerOptionField span => FieldReader.TryGetSet(parent, span.Name, out _)
                    ? fields.Long(parent, span.Name, span.Minimum, span.Maximum, span.Minimum)
                    : null,
                OptionalTimeOptionField expiry when expiry == TaskOptionFields.ExpiresAt => ReadExpiresAt(parent, expiry, fields, values),
                StringListOptionField list => ReadStrings(parent, list, fields),
                _ => throw new NotSupportedException($"Task option '{field.Path}' has no parse rule; add one to {nameof(TaskOptionsParser)}."),
            });
        }
    }

    private static long ReadInteger(JsonElement parent, IntegerOptionField field, FieldReader fields, TaskOptionValues values)
    {
        if (field.NotBelow is not { } floor)
        {
            return fields.Long(parent, field.Name, field.Minimum, field.Maximum, field.Default);
        }

        var floorValue = values.Get(floor);
        var value = fields.Long(parent, field.Name, field.Minimum, field.Maximum, Math.Max(field.Default, floorValue));
        if (value < floorValue)
        {
            fields.Fail(field.Name, $"is {value}, below '{floor.Name}' ({floorValue})",
                $"Set 'options.{field.Path}' to at least '{floor.Name}'.");
        }

        return value;
    }

    private static DateTimeOffset ReadRunAt(
        JsonElement options, TimeOptionField field, FieldReader fields, TaskOptionValues values, DateTimeOffset now)
    {
        var delay = TaskOptionFields.DelaySeconds;
        var delayed = now.AddSeconds(values.Get(delay));
        var text = fields.String(options, field.Name, required: false);
        if (text is null)
        {
            return delayed;
        }

        if (FieldReader.TryGetSet(options, delay.Name, out _))
        {
            fields.Fail(field.Name, $"cannot be combined with '{delay.Name}'",
                $"Send either 'options.{field.Path}' or 'options.{delay.Path}', not both.");
            return delayed;
        }

        if (!TryParseRfc3339(text, out var runAt))
        {
            fields.Fail(field.Name, $"'{Truncate(text)}' is not an RFC 3339 time", "Send a time such as \"2026-01-31T09:30:00Z\".");
            return delayed;
        }

        if (runAt > now.AddSeconds(field.MaxSecondsAhead))
        {
            fields.Fail(field.Name, "is more than one year ahead", $"Set 'options.{field.Path}' to a time within one year from now.");
            return delayed;
        }

        // A time in the past means "as soon as possible"; the task is stored with the time it was asked for.
        return runAt.ToUniversalTime();
    }

    /// <summary>
    /// The expiry in effect: <c>expires_at</c> as given, or <c>run_at</c> + <c>schedule_to_start_seconds</c>, or none.
    /// It must come after <c>run_at</c>, or the task could never run.
    /// </summary>
    private static DateTimeOffset? ReadExpiresAt(JsonElement options, OptionalTimeOptionField field, FieldReader fields, TaskOptionValues values)
    {
        var runAt = values.Get(TaskOptionFields.RunAt);
        var span = TaskOptionFields.ScheduleToStartSeconds;
        var fromSpan = values.Get(span) is { } seconds ? runAt.AddSeconds(seconds) : (DateTimeOffset?)null;
        var text = fields.String(options, field.Name, required: false);
        if (text is null)
        {
            return fromSpan;
        }

        if (FieldReader.TryGetSet(options, span.Name, out _))
        {
            fields.Fail(field.Name, $"cannot be combined with '{span.Name}'", $"Send either 'options.{field.Path}' or 'options.{span.Path}', not both.");
            return fromSpan;
        }

        if (!TryParseRfc3339(text, out var expiresAt))
        {
            fields.Fail(field.Name, $"'{Truncate(text)}' is not an RFC 3339 time", "Send a time such as \"2026-01-31T09:30:00Z\".");
            return null;
        }

        if (expiresAt <= runAt)
        {
            fields.Fail(field.Name, $"is not after the task's first run ({Rfc3339.Format(runAt)})",
                "Set 'options.expires_at' to a time after 'run_at' (or after now, with no run_at or delay).");
            return null;
        }

        return expiresAt.ToUniversalTime();
    }

    /// <summary>
    /// The list of a task that sends none: one shared instance, so that the options of tasks sent alike compare equal
    /// (the store serializes each distinct options value once per batch, docs/BENCHMARKS.md).
    /// </summary>
    private static readonly IReadOnlyList<string> NoStrings = [];

    private static IReadOnlyList<string> ReadStrings(JsonElement parent, StringListOptionField field, FieldReader fields)
    {
        var name = field.Name;
        if (!FieldReader.TryGetSet(parent, name, out var array))
        {
            return NoStrings;
        }

        var hint = $"Send '{fields.Path(name)}' as an array of at most {field.MaxItems} non-empty printable strings of <= {field.MaxLength} chars.";
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > field.MaxItems)
        {
            fields.Fail(name, $"must be an array of at most {field.MaxItems} strings", hint);
            return NoStrings;
        }

        var items = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (ItemProblem(item, field, out var text) is { } problem)
            {
                fields.Fail(name, problem, hint);
                return NoStrings;
            }

            items.Add(text);
        }

        return items;
    }

    private static string? ItemProblem(JsonElement item, StringListOptionField field, out string text)
    {
        text = "";
        var lengthProblem = $"must hold only non-empty strings of <= {field.MaxLength} chars";
        if (item.ValueKind != JsonValueKind.String)
        {
            return lengthProblem;
        }

        if (!TextRules.TryGetString(item, out var value))
        {
            return TextRules.NotWellFormed;
        }

        text = value!;
        return text.Length is 0 || text.Length > field.MaxLength ? lengthProblem : TextRules.IdentifierProblem(text);
    }

    private static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // RFC 3339 date-time: a full date, 'T' (or space, or lowercase t), a time with optional fraction, and a zone.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();
}
