using System.Globalization;
using System.Text.Json.Nodes;
using Durq.Core.Validation;
using Durq.Server.Apis;
using Microsoft.OpenApi;

namespace Durq.Server.OpenApi;

/// <summary>
/// The constraints the server enforces, as JSON Schema keywords. Each takes its numbers from the constant the
/// validation reads, so the document cannot drift from the code that refuses a request.
/// </summary>
internal static class SchemaRules
{
    /// <summary>A task or lease id: a UUID (v7, as Durq makes them).</summary>
    public static void Uuid(OpenApiSchema schema) => schema.Format = "uuid";

    /// <summary>An activity type as enqueue accepts it.</summary>
    public static void ActivityType(OpenApiSchema schema)
    {
        schema.MinLength = 1;
        schema.MaxLength = EnqueueRequestParser.MaxActivityTypeLength;
        // JSON Schema patterns are ECMA-262, where '$' ends the text only, as '\z' does in .NET.
        schema.Pattern = "^" + EnqueueRequestParser.ActivityTypeCharacters + "$";
    }

    /// <summary>A worker id, in a route or a claim.</summary>
    public static void WorkerId(OpenApiSchema schema) => Length(1, WorkerRequestRules.MaxWorkerIdLength)(schema);

    /// <summary>The activity types a worker handles.</summary>
    public static void ActivityTypes(OpenApiSchema schema)
    {
        Items(schema, 1, WorkerRequestRules.MaxActivityTypesPerWorker);
        Each(schema, ActivityType);
    }

    public static Action<OpenApiSchema> Range(long minimum, long maximum, long? fallback = null) => schema =>
    {
        schema.Minimum = Text(minimum);
        schema.Maximum = Text(maximum);
        if (fallback is { } value)
        {
            schema.Default = JsonValue.Create(value);
        }
    };

    public static Action<OpenApiSchema> MaxLength(int maximum) => schema => schema.MaxLength = maximum;

    public static Action<OpenApiSchema> Length(int minimum, int maximum) => schema =>
    {
        schema.MinLength = minimum;
        schema.MaxLength = maximum;
    };

    public static Action<OpenApiSchema> Count(int minimum, int maximum) => schema => Items(schema, minimum, maximum);

    public static Action<OpenApiSchema> Default(bool value) => schema => schema.Default = JsonValue.Create(value);

    public static Action<OpenApiSchema> OneOf(IEnumerable<string> values) => schema =>
        schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    /// <summary>Applies <paramref name="rule"/> to each item of an array schema.</summary>
    public static Action<OpenApiSchema> EachItem(Action<OpenApiSchema> rule) => schema => Each(schema, rule);

    /// <summary>A fresh schema of <paramref name="type"/> with <paramref name="rules"/> applied, for a parameter or header.</summary>
    public static OpenApiSchema Of(JsonSchemaType type, params Action<OpenApiSchema>[] rules)
    {
        var schema = new OpenApiSchema { Type = type };
        foreach (var rule in rules)
        {
            rule(schema);
        }

        return schema;
    }

    private static void Items(OpenApiSchema schema, int minimum, int maximum)
    {
        schema.MinItems = minimum;
        schema.MaxItems = maximum;
    }

    private static void Each(OpenApiSchema schema, Action<OpenApiSchema> rule)
    {
        if (schema.Items is OpenApiSchema items)
        {
            rule(items);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
