using System.Globalization;
using Durq.Contracts;
using Durq.Core.Errors;
using Durq.Core.Tasks;
using Durq.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Durq.Server.Http;

/// <summary>Builds the problem document for each error Durq answers with, and writes it.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ProblemDocument ForDomainError(DurqException error, HttpContext context) => error switch
    {
        ValidationException validation => Create(context, StatusCodes.Status422UnprocessableEntity, error.Code, error.Message) with
        {
            Errors = [.. validation.Errors.Select(e => new FieldError(e.Field, e.Message))],
            AllowedActions = [Retry(string.Join(" ", validation.Errors.Select(e => e.Hint).Distinct()))],
        },
        QueueFullException full => RetryLater(context, StatusCodes.Status429TooManyRequests, error, full.RetryAfterSeconds),
        WorkerLimitReachedException limit => RetryLater(context, StatusCodes.Status429TooManyRequests, error, limit.RetryAfterSeconds),
        StoreUnavailableException unavailable => RetryLater(context, StatusCodes.Status503ServiceUnavailable, error, unavailable.RetryAfterSeconds),
        IdempotencyKeyReusedException reused => Create(context, StatusCodes.Status409Conflict, error.Code, error.Message) with
        {
            AllowedActions =
            [
                new AllowedAction
                {
                    Rel = "get-existing", Method = "GET", Href = TaskLocation(reused.ExistingTaskId),
                    Hint = "Read the task the key created, or send this request with a new Idempotency-Key.",
                },
            ],
        },
        NotFoundException => Create(context, StatusCodes.Status404NotFound, error.Code, error.Message),
        _ => Create(context, StatusCodes.Status409Conflict, error.Code, error.Message),
    };

    public static ProblemDocument ForHttpError(HttpProblemException error, HttpContext context) =>
        Create(context, error.Status, error.Code, error.Message) with { AllowedActions = [Retry(error.Hint)] };

    public static ProblemDocument Create(HttpContext context, int status, string code, string detail) =>
        Create(status, code, detail) with { Instance = context.Request.Path.Value, TraceId = context.TraceIdentifier };

    /// <summary>A problem document for an answer that has no request to name (one Kestrel refused before it was read).</summary>
    public static ProblemDocument Create(int status, string code, string detail) => new()
    {
        Type = "https://durq.dev/problems/" + code.Replace('_', '-'),
        Title = ReasonPhrases.GetReasonPhrase(status),
        Status = status,
        Detail = detail,
        Code = code,
    };

    public static string TaskLocation(Guid id) => "/api/v1/durable/tasks/" + TaskIds.Format(id);

    public static async Task WriteAsync(HttpContext context, ProblemDocument problem)
    {
        var response = context.Response;
        response.StatusCode = problem.Status;
        if (problem.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await response.WriteAsJsonAsync(problem, DurqJson.Context.ProblemDocument, ContentType, context.RequestAborted);
    }

    private static ProblemDocument RetryLater(HttpContext context, int status, DurqException error, int seconds) =>
        Create(context, status, error.Code, error.Message) with
        {
            RetryAfterSeconds = seconds,
            AllowedActions = [new AllowedAction { Rel = "retry-later", Hint = $"Retry after {seconds} seconds." }],
        };

    private static AllowedAction Retry(string hint) => new() { Rel = "retry", Hint = hint };
}
