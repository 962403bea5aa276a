using System.Text.Json;
using Durq.Core.Tasks;
using Durq.Core.Validation;

namespace Durq.Core.Tests.Validation;

/// <summary>Builds enqueue bodies and runs them through the parser the way the HTTP layer does.</summary>
internal static class Enqueue
{
    public static readonly DateTimeOffset Now = new(2026, 1, 31, 9, 30, 0, 250, TimeSpan.Zero);

    /// <summary>A valid body whose <c>options</c> member is the given raw JSON.</summary>
    public static string WithOptions(string optionsJson) =>
        $$"""{"activity_type": "email.send", "input": {"to": "a@example.com"}, "options": {{optionsJson}}}""";

    /// <summary>A valid body with one option, named by its path under <c>options</c> (e.g. <c>retry.jitter</c>).</summary>
    public static string WithOption(string path, string valueJson)
    {
        var json = valueJson;
        foreach (var member in path.Split('.').Reverse())
        {
            json = $$"""{"{{member}}": {{json}}}""";
        }

        return WithOptions(json);
    }

    /// <summary>A valid body with the given activity type, written as a JSON string.</summary>
    public static string WithActivityType(string activityType) =>
        $$$"""{"activity_type": {{{JsonSerializer.Serialize(activityType)}}}, "input": {}}""";

    /// <summary>A valid body with the given raw JSON as <c>input</c>.</summary>
    public static string WithInput(string inputJson) => $$"""{"activity_type": "email.send", "input": {{inputJson}}}""";

    public static NewTask Parse(string json, EnqueueLimits? limits = null, string? traceparent = null) =>
        EnqueueRequestParser.Parse(JsonElement.Parse(json), Now, limits ?? EnqueueLimits.Default, traceparent);

    public static IReadOnlyList<NewTask> ParseBatch(string json, string? traceparent = null) =>
        EnqueueRequestParser.ParseBatch(JsonElement.Parse(json), Now, EnqueueLimits.Default, traceparent);

    public static IReadOnlyList<ValidationError> Errors(string json, EnqueueLimits? limits = null) =>
        Assert.Throws<ValidationException>(() => Parse(json, limits)).Errors;

    /// <summary>The field paths the parser names for a body it must reject.</summary>
    public static string[] RejectedFields(string json, EnqueueLimits? limits = null) =>
        [.. Errors(json, limits).Select(e => e.Field)];

    public static string[] RejectedBatchFields(string json) =>
        [.. Assert.Throws<ValidationException>(() => ParseBatch(json)).Errors.Select(e => e.Field)];
}
