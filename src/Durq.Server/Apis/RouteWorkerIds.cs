using Durq.Core.Errors;
using Durq.Core.Validation;
using Durq.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Apis;

/// <summary>Worker ids in routes: 1–200 characters of the worker's choosing.</summary>
internal static class RouteWorkerIds
{
    public static string Parse(string text)
    {
        var problem = text is not { Length: > 0 and <= WorkerRequestRules.MaxWorkerIdLength }
            ? $"must be 1 to {WorkerRequestRules.MaxWorkerIdLength} characters long, not {text.Length}"
            : TextRules.IdentifierProblem(text);
        return problem is null
            ? text
            : throw new HttpProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidId,
                $"A worker id {problem}.", "Use the id the worker registered with.");
    }
}
