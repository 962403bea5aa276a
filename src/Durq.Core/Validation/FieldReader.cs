using System.Globalization;
using System.Text.Json;

namespace Durq.Core.Validation;

/// <summary>
/// Reads typed members out of a JSON object and collects every problem instead of stopping at the first,
/// so one answer can name every bad field. A member that is absent or <c>null</c> takes its default.
/// </summary>
internal sealed class FieldReader(string pathPrefix)
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    public string Path(string name) => pathPrefix + name;

    public void Fail(string name, string message, string hint) => _errors.Add(new ValidationError(Path(name), message, hint));

    public void AddAll(IEnumerable<ValidationError> errors) => _errors.AddRange(errors);

    public static bool TryGetSet(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public int Integer(JsonElement parent, string name, int min, int max, int fallback)
    {
        if (!TryGetSet(parent, name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
        {
            return (int)number;
        }

        Fail(name, $"must be an integer from {min} to {max}", $"Set '{Path(name)}' to a whole number between {min} and {max}.");
        return fallback;
    }

    public long Long(JsonElement parent, string name, long min, long max, long fallback)
    {
        if (!TryGetSet(parent, name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
        {
            return number;
        }

        Fail(name, $"must be an integer from {min} to {max}", $"Set '{Path(name)}' to a whole number between {min} and {max}.");
        return fallback;
    }

    public double Number(JsonElement parent, string name, double min, double max, double fallback)
    {
        if (!TryGetSet(parent, name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            && double.IsFinite(number) && number >= min && number <= max)
        {
            return number;
        }

        var (low, high) = (min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
        Fail(name, $"must be a number from {low} to {high}", $"Set '{Path(name)}' to a number between {low} and {high}.");
        return fallback;
    }

    public string? String(JsonElement parent, string name, bool required)
    {
        if (!TryGetSet(parent, name, out var value))
        {
            if (required)
            {
                Fail(name, "is required", $"Add '{Path(name)}' to the request body.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"must be a string, not {Describe(value.ValueKind)}", $"Send '{Path(name)}' as a JSON string.");
            return null;
        }

        if (!TextRules.TryGetString(value, out var text))
        {
            Fail(name, TextRules.NotWellFormed, TextRules.WellFormedHint);
        }

        return text;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
