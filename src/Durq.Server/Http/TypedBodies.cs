using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Durq.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Http;

/// <summary>
/// Reads a JSON body into a contract type. Syntax errors are 400 <c>invalid_json</c> (from <see cref="RequestBodies"/>);
/// a member of the wrong type, or a required one missing, is a 422 that names the member by its JSON path.
/// </summary>
internal static partial class TypedBodies
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, int maxBytes)
    {
        using var document = await RequestBodies.ReadJsonAsync(context, maxBytes);
        try
        {
            return document.RootElement.Deserialize(type)
                ?? throw Invalid("$", "must be a JSON object", "Send a JSON object.");
        }
        catch (JsonException error)
        {
            throw Translate(error);
        }
    }

    private static ValidationException Translate(JsonException error)
    {
        var missing = MissingMembers().Match(error.Message);
        if (missing.Success)
        {
            var names = QuotedName().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value);
            return new ValidationException(
                [.. names.Select(n => new ValidationError(n, "is required", $"Add '{n}' to the request body."))]);
        }

        var field = error.Path is null or "$" ? "$" : error.Path.StartsWith("$.", StringComparison.Ordinal) ? error.Path[2..] : error.Path;
        return Invalid(field, "has the wrong JSON type", $"Check the type of '{field}' against the API reference (/openapi/v1.json).");
    }

    public static ValidationException Invalid(string field, string message, string hint) => new([new ValidationError(field, message, hint)]);

    [GeneratedRegex("missing required properties including: (.*)$")]
    private static partial Regex MissingMembers();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();
}
