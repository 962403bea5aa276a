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
        IdempotencyKeyReusedException reused => Conflict(context, error, reused.ExistingTaskId),
        ScheduleExistsException exists => Create(context, StatusCodes.Status409Conflict, error.Code, error.Message) with
        {
            AllowedActions = [ProblemActions.Default(error.Code) with { Method = "GET", Href = ScheduleLocation(exists.ExistingScheduleId) }],
        },
        NotCancellableException notCancellable => Conflict(context, error, notCancellable.TaskId),
        NotDeadException notDead => Conflict(context, error, notDead.TaskId),
        TaskClaimedException claimed => Conflict(context, error, claimed.TaskId),
        LeaseLostException lost => Conflict(context, error, lost.TaskId),
        NotFoundException notFound => Create(context, StatusCodes.Status404NotFound, error.Code, error.Message) with
        {
            AllowedActions = [NotFoundAction(notFound)],
        },
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
        AllowedActions = [ProblemActions.Default(code)],
    };

    public static string TaskLocation(Guid id) => "/api/v1/durable/tasks/" + TaskIds.Format(id);

    public static string ScheduleLocation(Guid id) => "/api/v1/durable/schedules/" + TaskIds.Format(id);

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
            AllowedActions = [ProblemActions.RetryLater($"Retry after {seconds} seconds.")],
        };

    /// <summary>A 409 about one task: the default action of its code, pointed at the task.</summary>
    private static ProblemDocument Conflict(HttpContext context, DurqException error, Guid taskId) =>
        Create(context, StatusCodes.Status409Conflict, error.Code, error.Message) with
        {
            AllowedActions = [ProblemActions.Default(error.Code) with { Method = "GET", Href = TaskLocation(taskId) }],
        };

    private static AllowedAction NotFoundAction(NotFoundException notFound) => notFound.What switch
    {
        "task" => ListAction($"Check the task id; GET {DurqRoutes.Prefix}/tasks lists the tasks this key can see.", "/tasks"),
        "worker" => ListAction(
            $"A worker is known once it registers (PUT {DurqRoutes.Prefix}/workers/{{id}}) or claims; GET {DurqRoutes.Prefix}/workers lists them.", "/workers"),
        "schedule" => ListAction($"Check the schedule id; GET {DurqRoutes.Prefix}/schedules lists this tenant's schedules.", "/schedules"),
        "API key" => ListAction($"Check the key id; GET {DurqRoutes.Prefix}/keys lists this tenant's keys.", "/keys"),
        _ => ProblemActions.Default(notFound.Code),
    };

    private static AllowedAction ListAction(string hint, string route) =>
        ProblemActions.Retry(hint) with { Method = "GET", Href = DurqRoutes.Prefix + route };

    private static AllowedAction Retry(string hint) => ProblemActions.Retry(hint);
}
