using System.Globalization;
using Durq.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Http;

/// <summary>Reads query parameters strictly: a bad or repeated value is a 400 <c>invalid_query</c>, never silently ignored.</summary>
internal sealed class QueryReader(IQueryCollection query)
{
    public string? Single(string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        return values.Count == 1 ? values[0] : throw Invalid(name, "is given more than once", $"Send '{name}' once.");
    }

    public int Integer(string name, int min, int max, int fallback)
    {
        var text = Single(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(name, $"is '{text}', not a whole number from {min} to {max}", $"Set '{name}' to a number from {min} to {max}.");
    }

    public static HttpProblemException Invalid(string name, string problem, string hint) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.InvalidQuery, $"The query parameter '{name}' {problem}.", hint);
}
