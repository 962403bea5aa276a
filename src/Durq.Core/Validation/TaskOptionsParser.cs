using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Durq.Core.Tasks;

namespace Durq.Core.Validation;

/// <summary>Reads <c>options</c> of an enqueue body and fills in every default (API.md option table).</summary>
internal static partial class TaskOptionsParser
{
    public const double MaxDelaySeconds = 365 * 24 * 3600;
    public const long MaxRetryIntervalMs = 24L * 3600 * 1000;
    public const int MaxNonRetryableErrorTypes = 100;

    public static TaskOptions Read(JsonElement body, FieldReader bodyFields, DateTimeOffset now)
    {
        var hasOptions = FieldReader.TryGetSet(body, "options", out var options);
        if (hasOptions && options.ValueKind != JsonValueKind.Object)
        {
            bodyFields.Fail("options", $"must be an object, not {FieldReader.Describe(options.ValueKind)}",
                "Send 'options' as an object, e.g. {\"max_attempts\": 3}, or leave it out.");
            hasOptions = false;
        }

        var source = hasOptions ? options : EmptyObject;
        var fields = new FieldReader(bodyFields.Path("options."));
        var parsed = ReadMembers(source, fields, now);
        bodyFields.AddAll(fields.Errors);
        return parsed;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    private static TaskOptions ReadMembers(JsonElement options, FieldReader fields, DateTimeOffset now)
    {
        var maxAttempts = fields.Integer(options, "max_attempts", 1, 1000, TaskOptions.DefaultMaxAttempts);
        var priority = fields.Integer(options, "priority", -1000, 1000, TaskOptions.DefaultPriority);
        var delay = fields.Number(options, "delay_seconds", 0, MaxDelaySeconds, 0);
        var runAt = ReadRunAt(options, fields, now, delay);
        var timeout = fields.Integer(options, "timeout_seconds", 1, 86_400, TaskOptions.DefaultTimeoutSeconds);
        var heartbeat = fields.Integer(options, "heartbeat_timeout_seconds", 1, 3600, TaskOptions.DefaultHeartbeatTimeoutSeconds);
        var retry = ReadRetry(options, fields);
        return new TaskOptions(maxAttempts, priority, delay, runAt, timeout, heartbeat, retry);
    }

    private static DateTimeOffset ReadRunAt(JsonElement options, FieldReader fields, DateTimeOffset now, double delaySeconds)
    {
        var delayed = now.AddSeconds(delaySeconds);
        var text = fields.String(options, "run_at", required: false);
        if (text is null)
        {
            return delayed;
        }

        if (FieldReader.TryGetSet(options, "delay_seconds", out _))
        {
            fields.Fail("run_at", "cannot be combined with 'delay_seconds'", "Send either 'options.run_at' or 'options.delay_seconds', not both.");
            return delayed;
        }

        if (!TryParseRfc3339(text, out var runAt))
        {
            fields.Fail("run_at", $"'{Truncate(text)}' is not an RFC 3339 time", "Send a time such as \"2026-01-31T09:30:00Z\".");
            return delayed;
        }

        if (runAt > now.AddSeconds(MaxDelaySeconds))
        {
            fields.Fail("run_at", "is more than one year ahead", "Set 'options.run_at' to a time within one year from now.");
            return delayed;
        }

        // A time in the past means "as soon as possible"; the task is stored with the time it was asked for.
        return runAt.ToUniversalTime();
    }

    private static RetryPolicy ReadRetry(JsonElement options, FieldReader optionFields)
    {
        if (!FieldReader.TryGetSet(options, "retry", out var retry))
        {
            return RetryPolicy.Default;
        }

        if (retry.ValueKind != JsonValueKind.Object)
        {
            optionFields.Fail("retry", $"must be an object, not {FieldReader.Describe(retry.ValueKind)}",
                "Send 'options.retry' as an object such as {\"initial_interval_ms\": 1000}, or leave it out.");
            return RetryPolicy.Default;
        }

        var fields = new FieldReader(optionFields.Path("retry."));
        var defaults = RetryPolicy.Default;
        var initial = fields.Long(retry, "initial_interval_ms", 1, MaxRetryIntervalMs, defaults.InitialIntervalMs);
        var coefficient = fields.Number(retry, "backoff_coefficient", 1, 100, defaults.BackoffCoefficient);
        // An initial interval above the default cap raises the cap with it rather than contradicting it.
        var max = fields.Long(retry, "max_interval_ms", 1, MaxRetryIntervalMs, Math.Max(defaults.MaxIntervalMs, initial));
        if (max < initial)
        {
            fields.Fail("max_interval_ms", $"is {max}, below 'initial_interval_ms' ({initial})",
                "Set 'options.retry.max_interval_ms' to at least 'initial_interval_ms'.");
        }

        var jitter = fields.Number(retry, "jitter", 0, 1, defaults.Jitter);
        var nonRetryable = ReadErrorTypes(retry, fields);
        optionFields.AddAll(fields.Errors);
        return new RetryPolicy(initial, coefficient, max, jitter, nonRetryable);
    }

    private static List<string> ReadErrorTypes(JsonElement retry, FieldReader fields)
    {
        const string name = "non_retryable_error_types";
        var hint = $"Send '{fields.Path(name)}' as an array of at most {MaxNonRetryableErrorTypes} non-empty strings of <= 200 chars.";
        if (!FieldReader.TryGetSet(retry, name, out var array))
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > MaxNonRetryableErrorTypes)
        {
            fields.Fail(name, $"must be an array of at most {MaxNonRetryableErrorTypes} strings", hint);
            return [];
        }

        var types = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= 200 } type)
            {
                fields.Fail(name, "must hold only non-empty strings of <= 200 chars", hint);
                return [];
            }

            types.Add(type);
        }

        return types;
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
