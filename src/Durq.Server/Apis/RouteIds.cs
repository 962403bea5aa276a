using Durq.Core.Errors;
using Durq.Core.Tasks;
using Durq.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Apis;

/// <summary>Ids in routes are parsed by hand so that a malformed one is a 400 <c>invalid_id</c>, not a bare 404.</summary>
internal static class RouteIds
{
    public static Guid ParseTaskId(string text) => TaskIds.TryParse(text, out var id)
        ? id
        : throw new HttpProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidId,
            $"'{Shorten(text)}' is not a task id; task ids are UUIDs such as 0193b5a0-0000-7000-8000-000000000001.",
            "Use the task_id returned when the task was enqueued.");

    public static Guid ParseScheduleId(string text) => TaskIds.TryParse(text, out var id)
        ? id
        : throw new HttpProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidId,
            $"'{Shorten(text)}' is not a schedule id; schedule ids are UUIDs such as 0193b5a0-0000-7000-8000-000000000001.",
            "Use the id POST /schedules answered, or list the schedules with GET /schedules.");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
