using System.Text.Json;
using Durq.Core.FlowControl;
using Durq.Core.Storage;

namespace Durq.Core.Validation;

/// <summary>
/// Reads the body of <c>PUT /activity-types/{activity_type}</c>: each member left out stays as it is, each sent as
/// <c>null</c> is cleared. Every bad member is reported at once.
/// </summary>
internal static class ActivityTypeSettingsParser
{
    public const int MaxLimit = 1_000_000;
    public const int MaxFailureThreshold = 10_000;
    public const int MaxOpenSeconds = 86_400;

    /// <summary>How long a breaker stays open before its probe, when the request does not say.</summary>
    public const int DefaultOpenSeconds = 30;

    private static readonly string[] Members = ["paused", "max_concurrency", "rate_limit", "circuit"];

    public static SetActivityTypeParams Parse(JsonElement body, string tenant, string activityType, DateTimeOffset now)
    {
        var fields = new FieldReader("");
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationError("", $"must be a JSON object, not {FieldReader.Describe(body.ValueKind)}",
                "Send an object such as {\"max_concurrency\": 5}.")]);
        }

        foreach (var member in body.EnumerateObject().Where(m => !Members.Contains(m.Name)))
        {
            fields.Fail(member.Name, "is not a setting of an activity type", "Send only " + string.Join(", ", Members) + ".");
        }

        var request = new SetActivityTypeParams(
            tenant, activityType, now,
            Paused(body, fields),
            Given(body, "max_concurrency", value => (int?)fields.Integer(body, "max_concurrency", 1, MaxLimit, 1)),
            Given(body, "rate_limit", value => Rate(value, fields)),
            Given(body, "circuit", value => Circuit(value, fields)));
        return fields.Errors.Count > 0 ? throw new ValidationException(fields.Errors) : request;
    }

    private static bool? Paused(JsonElement body, FieldReader fields)
    {
        if (!body.TryGetProperty("paused", out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False or JsonValueKind.Null: return false;
            default:
                fields.Fail("paused", $"must be true or false, not {FieldReader.Describe(value.ValueKind)}", "Set 'paused' to true or false.");
                return null;
        }
    }

    /// <summary>Null when the member is left out; a cleared setting when it is null; else what <paramref name="read"/> makes of it.</summary>
    private static Setting<T>? Given<T>(JsonElement body, string name, Func<JsonElement, T?> read) =>
        !body.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Null ? new Setting<T>(default)
        : new Setting<T>(read(value));

    private static RateLimit? Rate(JsonElement value, FieldReader fields)
    {
        if (!IsObject(value, "rate_limit", "{\"per_second\": 10, \"burst\": 20}", fields))
        {
            return null;
        }

        var rate = new FieldReader("rate_limit.");
        if (!FieldReader.TryGetSet(value, "per_second", out _))
        {
            rate.Fail("per_second", "is required", "Add 'rate_limit.per_second': the claims a second to allow.");
        }

        var perSecond = rate.Number(value, "per_second", 0.001, MaxLimit, 1);
        var burst = rate.Integer(value, "burst", 1, MaxLimit, (int)Math.Max(1, Math.Ceiling(perSecond)));
        fields.AddAll(rate.Errors);
        return new RateLimit(perSecond, burst);
    }

    private static CircuitSettings? Circuit(JsonElement value, FieldReader fields)
    {
        if (!IsObject(value, "circuit", "{\"failure_threshold\": 5, \"open_seconds\": 30}", fields))
        {
            return null;
        }

        var circuit = new FieldReader("circuit.");
        if (!FieldReader.TryGetSet(value, "failure_threshold", out _))
        {
            circuit.Fail("failure_threshold", "is required", "Add 'circuit.failure_threshold': the failed attempts in a row that open the breaker.");
        }

        var threshold = circuit.Integer(value, "failure_threshold", 1, MaxFailureThreshold, 1);
        var openSeconds = circuit.Integer(value, "open_seconds", 1, MaxOpenSeconds, DefaultOpenSeconds);
        fields.AddAll(circuit.Errors);
        return new CircuitSettings(threshold, openSeconds);
    }

    private static bool IsObject(JsonElement value, string name, string example, FieldReader fields)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        fields.Fail(name, $"must be an object or null, not {FieldReader.Describe(value.ValueKind)}", $"Send '{name}' as {example}, or null to clear it.");
        return false;
    }
}
