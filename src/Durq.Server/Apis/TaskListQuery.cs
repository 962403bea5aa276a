using Durq.Core.Tasks;
using Durq.Core.Validation;
using Durq.Server.Http;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Apis;

/// <summary>The query of <c>GET /tasks</c>: <c>status</c>, <c>activity_type</c>, <c>limit</c> (1–500, default 100), <c>cursor</c>.</summary>
internal static class TaskListQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static TaskFilter Read(IQueryCollection query)
    {
        var reader = new QueryReader(query);
        return new TaskFilter(Status(reader), ActivityType(reader), reader.Integer("limit", 1, MaxLimit, DefaultLimit), Cursor(reader));
    }

    private static DurqTaskStatus? Status(QueryReader reader)
    {
        var text = reader.Single("status");
        if (text is null)
        {
            return null;
        }

        return DurqTaskStatusNames.TryParse(text, out var status)
            ? status
            : throw QueryReader.Invalid("status", $"is '{text}', which is not a task status",
                $"Use one of: {string.Join(", ", DurqTaskStatusNames.All)}.");
    }

    /// <summary>The optional <c>activity_type</c> filter (also the event stream's).</summary>
    internal static string? ActivityType(QueryReader reader)
    {
        var text = reader.Single("activity_type");
        return text is null || EnqueueRequestParser.IsValidActivityType(text)
            ? text
            : throw QueryReader.Invalid("activity_type", "is not a valid activity type (1 to 200 letters, digits and . _ : / -)",
                "Send the activity type exactly as it was enqueued.");
    }

    // The cursor is the last task id of the previous page; callers should treat it as opaque.
    private static Guid? Cursor(QueryReader reader)
    {
        var text = reader.Single("cursor");
        if (text is null)
        {
            return null;
        }

        return TaskIds.TryParse(text, out var id)
            ? id
            : throw QueryReader.Invalid("cursor", "is not a cursor this server issued", "Pass the 'next_cursor' of the previous page unchanged, or leave it out.");
    }
}
