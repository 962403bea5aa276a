using System.Net.Http.Headers;
using System.Text.Json;
using Durq.Contracts;

namespace Durq.Client;

/// <summary>Turns an error answer into a <see cref="DurqProblemException"/>, whether or not it carries a problem document.</summary>
internal static class ProblemResponses
{
    // Enough of a foreign error page to say what it was, without pasting a whole HTML document into a message.
    private const int MaxDetailChars = 500;

    public static async Task<DurqProblemException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = TryParseProblem(response.Content.Headers.ContentType, body) ?? Synthesize(response, body);
        return new DurqProblemException(problem, RetryAfter(response.Headers.RetryAfter));
    }

    private static ProblemDocument? TryParseProblem(MediaTypeHeaderValue? contentType, string body)
    {
        if (contentType?.MediaType is not { } mediaType || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, DurqJson.Context.ProblemDocument);
        }
        catch (JsonException)
        {
            return null; // JSON, but not a problem document (its required members are missing): treat it as any other body.
        }
    }

    private static ProblemDocument Synthesize(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var title = response.ReasonPhrase is { Length: > 0 } reason ? reason : $"HTTP {status}";
        var text = body.Trim();
        return new ProblemDocument
        {
            Title = title,
            Status = status,
            Code = $"http_{status}",
            Detail = text.Length == 0 ? title : text.Length <= MaxDetailChars ? text : text[..MaxDetailChars] + "…",
        };
    }

    // Only the delta form: Durq sends seconds, and a date would need a clock this class should not read.
    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header?.Delta;
}
