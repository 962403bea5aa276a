using System.Globalization;
using System.Text.Json.Nodes;
using Durq.Contracts;
using Durq.Core.Tasks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Durq.Server.OpenApi;

/// <summary>
/// Describes <c>options</c> (and its <c>retry</c> object) from <see cref="TaskOptionFields"/>, the table the parser reads,
/// rather than from the SDK's records: the document then names exactly the members the server accepts, with their
/// ranges and defaults.
/// </summary>
internal sealed class TaskOptionsSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>The wire record of each object of options: <c>options</c> itself (no group) and each group.</summary>
    private static readonly Dictionary<Type, string?> Groups = new()
    {
        [typeof(TaskOptionsContract)] = null,
        [typeof(RetryContract)] = "retry",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (!Groups.TryGetValue(context.JsonTypeInfo.Type, out var group))
        {
            return Task.CompletedTask;
        }

        var generated = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        var properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var field in TaskOptionFields.All.Where(f => f.Group == group))
        {
            properties[field.Name] = Describe(field);
        }

        // A group inside this object keeps the schema generated for its record (a reference to it).
        foreach (var inner in TaskOptionFields.Groups.Where(g => group is null && generated.ContainsKey(g)))
        {
            properties[inner] = generated[inner];
        }

        schema.Properties = properties;
        return Task.CompletedTask;
    }

    private static OpenApiSchema Describe(TaskOptionField field) => field switch
    {
        IntegerOptionField integer => new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int64",
            Description = field.Description,
            Minimum = Text(integer.Minimum),
            Maximum = Text(integer.Maximum),
            Default = JsonValue.Create(integer.Default),
        },
        NumberOptionField number => new OpenApiSchema
        {
            Type = JsonSchemaType.Number,
            Format = "double",
            Description = field.Description,
            Minimum = Text(number.Minimum),
            Maximum = Text(number.Maximum),
            Default = JsonValue.Create(number.Default),
        },
        TimeOptionField or OptionalTimeOptionField =>
            new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = field.Description },
        OptionalIntegerOptionField span => new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int64",
            Description = field.Description,
            Minimum = Text(span.Minimum),
            Maximum = Text(span.Maximum),
        },
        StringListOptionField list => new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = field.Description,
            MaxItems = list.MaxItems,
            Default = new JsonArray(),
            Items = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = list.MaxLength },
        },
        _ => throw new NotSupportedException($"Task option '{field.Path}' has no OpenAPI description."),
    };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
