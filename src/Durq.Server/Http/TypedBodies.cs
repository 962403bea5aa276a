using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Durq.Contracts;
using Durq.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Http;

/// <summary>
/// Reads a JSON body into a contract type. Syntax errors are 400 <c>invalid_json</c> (from <see cref="RequestBodies"/>);
/// a member of the wrong type, or a required one missing, is a 422 that names the member by its JSON path. A route's
/// own checks run even when required members are missing, so one answer names every bad field of the request.
/// </summary>
internal static partial class TypedBodies
{
    /// <summary>
    /// The contracts with no member required, to read a body that lacks some: the route's checks then see the members
    /// it has. A required member is never left null by the strict read, so only this read hands checks a null.
    /// </summary>
    private static readonly JsonSerializerOptions NothingRequired = new(DurqJson.Context.Options)
    {
        TypeInfoResolver = DurqJson.Context.WithAddedModifier(type =>
        {
            foreach (var property in type.Properties)
            {
                property.IsRequired = false;
            }
        }),
    };

    public static Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, int maxBytes) =>
        ReadAsync(context, type, maxBytes, static (_, _) => { });

    /// <param name="check">The route's own rules, adding an error for each bad field; it may see null for a required member.</param>
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, int maxBytes, Action<T, List<ValidationError>> check)
    {
        using var document = await RequestBodies.ReadJsonAsync(context, maxBytes);
        var errors = new List<ValidationError>();
        var body = Deserialize(document.RootElement, type, errors);
        AddNullRequired(body, type, errors);
        var missing = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var checks = new List<ValidationError>();
        check(body, checks);
        errors.AddRange(checks.Where(e => !missing.Contains(e.Field)));
        return errors.Count == 0 ? body : throw new ValidationException(errors);
    }

    /// <summary>
    /// A required member sent as <c>null</c> passes the strict read (it is present): it is as missing as one left out,
    /// and named so, before a route's checks would meet the null.
    /// </summary>
    private static void AddNullRequired<T>(T body, JsonTypeInfo<T> type, List<ValidationError> errors)
    {
        foreach (var property in type.Properties.Where(p => p.IsRequired && p.Get is not null))
        {
            if (property.Get!(body!) is null && !errors.Any(e => e.Field == property.Name))
            {
                errors.Add(new ValidationError(property.Name, "is required, not null", $"Send '{property.Name}' with a value."));
            }
        }
    }

    private static T Deserialize<T>(JsonElement root, JsonTypeInfo<T> type, List<ValidationError> errors)
    {
        try
        {
            return root.Deserialize(type) ?? throw Invalid("$", "must be a JSON object", "Send a JSON object.");
        }
        catch (JsonException error) when (MissingMembers().Match(error.Message) is { Success: true } missing)
        {
            var names = QuotedName().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value);
            errors.AddRange(names.Select(n => new ValidationError(n, "is required", $"Add '{n}' to the request body.")));
            return DeserializeWithoutRequired(root, type, errors);
        }
        catch (JsonException error)
        {
            throw WrongType(error);
        }
    }

    private static T DeserializeWithoutRequired<T>(JsonElement root, JsonTypeInfo<T> type, List<ValidationError> errors)
    {
        try
        {
            return root.Deserialize((JsonTypeInfo<T>)NothingRequired.GetTypeInfo(type.Type))!;
        }
        catch (JsonException error)
        {
            throw new ValidationException([.. errors, .. WrongType(error).Errors]);
        }
    }

    private static ValidationException WrongType(JsonException error)
    {
        var field = error.Path is null or "$" ? "$" : error.Path.StartsWith("$.", StringComparison.Ordinal) ? error.Path[2..] : error.Path;
        return Invalid(field, "has the wrong JSON type", $"Check the type of '{field}' against the API reference (/openapi/v1.json).");
    }

    public static ValidationException Invalid(string field, string message, string hint) => new([new ValidationError(field, message, hint)]);

    [GeneratedRegex("missing required properties including: (.*)$")]
    private static partial Regex MissingMembers();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();
}
