using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Durq.Core.Tasks;

namespace Durq.Core.Validation;

/// <summary>
/// Turns an enqueue request body (API.md, <c>POST /tasks</c>) into a validated <see cref="NewTask"/>,
/// or a <see cref="ValidationException"/> naming every bad field. Unknown members are ignored for forward compatibility.
/// </summary>
internal partial class EnqueueRequestParser
{
    public const int MaxActivityTypeLength = 200;

    /// <summary>What an activity type is made of, without anchors (the OpenAPI document states the same pattern).</summary>
    public const string ActivityTypeCharacters = "[A-Za-z0-9][A-Za-z0-9._:/-]*";

    public static NewTask Parse(JsonElement body, DateTimeOffset now, EnqueueLimits limits, string? traceparent)
    {
        var task = TryParse(body, "", now, limits, traceparent, null, out var errors);
        return task ?? throw new ValidationException(errors);
    }

    /// <summary>Parses <c>{"tasks": [...]}</c>; all-or-nothing, so one bad item fails the batch and every bad item is named.</summary>
    public static IReadOnlyList<NewTask> ParseBatch(JsonElement body, DateTimeOffset now, EnqueueLimits limits, string? traceparent)
    {
        var items = ReadBatchItems(body);
        var tasks = new List<NewTask>(items.Count);
        var errors = new List<ValidationError>();
        var repeated = new RepeatedOptions();
        for (var i = 0; i < items.Count; i++)
        {
            var task = TryParse(items[i], $"tasks[{i}].", now, limits, traceparent, repeated, out var itemErrors);
            if (task is null)
            {
                errors.AddRange(itemErrors);
            }
            else
            {
                tasks.Add(task);
            }
        }

        return errors.Count == 0 ? tasks : throw new ValidationException(errors);
    }

    private static List<JsonElement> ReadBatchItems(JsonElement body)
    {
        var hint = $"Send {{\"tasks\": [...]}} with 1 to {EnqueueLimits.MaxBatchSize} enqueue bodies.";
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Single("", $"must be a JSON object, not {FieldReader.Describe(body.ValueKind)}", hint);
        }

        if (!FieldReader.TryGetSet(body, "tasks", out var tasks))
        {
            throw Single("tasks", "is required", hint);
        }

        if (tasks.ValueKind != JsonValueKind.Array)
        {
            throw Single("tasks", $"must be an array, not {FieldReader.Describe(tasks.ValueKind)}", hint);
        }

        var count = tasks.GetArrayLength();
        return count is >= 1 and <= EnqueueLimits.MaxBatchSize
            ? [.. tasks.EnumerateArray()]
            : throw Single("tasks", $"has {count} items; a batch holds 1 to {EnqueueLimits.MaxBatchSize}",
                $"Split the batch into requests of at most {EnqueueLimits.MaxBatchSize} tasks.");
    }

    private static ValidationException Single(string field, string message, string hint) =>
        new([new ValidationError(field.Length == 0 ? "$" : field, message, hint)]);

    private static NewTask? TryParse(
        JsonElement body, string prefix, DateTimeOffset now, EnqueueLimits limits, string? traceparent, RepeatedOptions? repeated,
        out IReadOnlyList<ValidationError> errors)
    {
        var fields = new FieldReader(prefix);
        if (body.ValueKind != JsonValueKind.Object)
        {
            fields.Fail("", $"must be a JSON object, not {FieldReader.Describe(body.ValueKind)}",
                "Send an object with 'activity_type' and 'input'.");
            errors = FixRootPaths(fields.Errors);
            return null;
        }

        var activityType = ReadActivityType(body, fields);
        var input = ReadInput(body, fields, limits);
        var options = TaskOptionsParser.Read(body, fields, now, repeated);
        errors = fields.Errors;
        return errors.Count > 0 ? null : new NewTask(TaskIds.New(now), activityType!, input!, options, traceparent);
    }

    private static List<ValidationError> FixRootPaths(IReadOnlyList<ValidationError> errors) =>
        [.. errors.Select(e => e.Field.Length == 0 ? e with { Field = "$" } : e with { Field = e.Field.TrimEnd('.') })];

    private static string? ReadActivityType(JsonElement body, FieldReader fields)
    {
        var value = fields.String(body, "activity_type", required: true);
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > MaxActivityTypeLength)
        {
            fields.Fail("activity_type", $"must be 1 to {MaxActivityTypeLength} characters long, not {value.Length}", value.Length == 0
                ? "Name the activity type, such as 'email.send'; it may not be empty."
                : $"Shorten 'activity_type' to <= {MaxActivityTypeLength} chars.");
            return null;
        }

        if (!ActivityTypePattern().IsMatch(value))
        {
            fields.Fail("activity_type", "must start with a letter or digit and contain only letters, digits and . _ : / -",
                "Use an activity type such as 'email.send' or 'billing/invoice:render'.");
            return null;
        }

        return value;
    }

    private static string? ReadInput(JsonElement body, FieldReader fields, EnqueueLimits limits)
    {
        // 'input' may be any JSON value, null included, so presence is checked rather than TryGetSet.
        if (!body.TryGetProperty("input", out var input))
        {
            fields.Fail("input", "is required (any JSON value, null included)", "Add 'input' to the request body, e.g. \"input\": {}.");
            return null;
        }

        return InputText(input, fields, limits);
    }

    /// <summary>An 'input' that was sent, as its JSON text, within the size limit: one rule for a task and for a schedule's tasks.</summary>
    internal static string? InputText(JsonElement input, FieldReader fields, EnqueueLimits limits)
    {
        var raw = input.GetRawText();
        var size = Encoding.UTF8.GetByteCount(raw);
        if (size > limits.MaxInputBytes)
        {
            fields.Fail("input", $"is {size} bytes; the limit is {limits.MaxInputBytes} bytes",
                $"Send an 'input' of at most {limits.MaxInputBytes} bytes, or store the payload elsewhere and send a reference.");
            return null;
        }

        return raw;
    }

    /// <summary>Whether <paramref name="value"/> is an activity type an enqueue would accept.</summary>
    public static bool IsValidActivityType(string? value) =>
        value is { Length: > 0 and <= MaxActivityTypeLength } && ActivityTypePattern().IsMatch(value);

    [GeneratedRegex("^" + ActivityTypeCharacters + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActivityTypePattern();
}
