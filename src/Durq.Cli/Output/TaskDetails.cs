using System.Text.Json;
using Durq.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Durq.Cli.Output;

/// <summary>
/// <c>durq tasks show</c>: every member the server sent, under its API name so it can be grepped and looked up in
/// API.md, then the input, the result and the whole error history.
/// </summary>
internal static class TaskDetails
{
    private const int LabelWidth = 19; // "last_heartbeat_at" and two spaces

    public static void Write(IAnsiConsole console, TaskResource task, DateTimeOffset? now = null)
    {
        var errors = Display.Errors(task.Errors);
        WriteFields(console, task, errors, now ?? DateTimeOffset.UtcNow);
        // A task always has an input; the client reads a JSON null one as no value at all.
        WriteJson(console, "input", task.Input ?? new RawJson("null"));
        WriteJson(console, "result", task.Result);
        WriteJson(console, "heartbeat_details", task.HeartbeatDetails);
        WriteErrors(console, errors);
    }

    private static void WriteFields(IAnsiConsole console, TaskResource task, IReadOnlyList<TaskErrorResource> errors, DateTimeOffset now)
    {
        Write(console, "id", task.Id);
        Write(console, "activity_type", task.ActivityType);
        console.Write(new Markup(Label("status")));
        console.Write(Display.TaskStatus(task, now));
        console.WriteLine();
        Write(console, "attempt", Attempt(task, errors));
        Write(console, "priority", Display.Number(task.Priority));
        Write(console, "created_at", Display.Time(task.CreatedAt));
        Write(console, "updated_at", Display.Time(task.UpdatedAt));
        Write(console, "visible_at", Display.Time(task.VisibleAt));
        Write(console, "claimed_by", task.ClaimedBy);
        Write(console, "claimed_at", Display.Time(task.ClaimedAt));
        Write(console, "lease_expires_at", Display.Time(task.LeaseExpiresAt));
        Write(console, "timeout_at", Display.Time(task.TimeoutAt));
        Write(console, "last_heartbeat_at", Display.Time(task.LastHeartbeatAt));
        Write(console, "completed_at", Display.Time(task.CompletedAt));
        Write(console, "cancel_requested", task.CancelRequested == true ? "true" : null);
        Write(console, "requeue_count", task.RequeueCount is { } requeued ? Display.Number(requeued) : null);
        Write(console, "idempotency_key", task.IdempotencyKey);
        Write(console, "traceparent", task.Traceparent);
        Write(console, "options", JsonSerializer.Serialize(task.Options, DurqJson.Context.TaskOptionsContract));
    }

    /// <summary>
    /// "1 of 3", and once the task was retried from the dead-letter queue (attempts count from 1 again) also how many
    /// times it ran in all: "1 of 3 (run 4 in all; retried from the dead-letter queue once)".
    /// </summary>
    private static string Attempt(TaskResource task, IReadOnlyList<TaskErrorResource> errors)
    {
        var attempt = $"{task.Attempt} of {task.MaxAttempts}";
        if (task.RequeueCount is not { } requeues)
        {
            return attempt;
        }

        var times = requeues == 1 ? "once" : $"{Display.Number(requeues)} times";
        return $"{attempt} (run {Display.Number(Display.Runs(task, errors))} in all; retried from the dead-letter queue {times})";
    }

    // Unset members are left out, as the API leaves them out. Plain lines rather than a grid, which would pad every
    // line to the width of the longest value.
    private static void Write(IAnsiConsole console, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            console.MarkupLine(Label(name) + Markup.Escape(value));
        }
    }

    private static string Label(string name) => $"[bold]{name.PadRight(LabelWidth)}[/]";

    private static void WriteJson(IAnsiConsole console, string name, RawJson? json)
    {
        if (json is { } value)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{name}:[/]");
            console.Write(Display.Text(Display.PrettyJson(value) + Environment.NewLine));
        }
    }

    private static void WriteErrors(IAnsiConsole console, IReadOnlyList<TaskErrorResource> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine($"[bold]errors:[/] {Display.Count(errors.Count, "failed attempt", "failed attempts")}");
        var table = TaskTables.NewTable("RUN", "ATTEMPT", "TYPE", "AT", "MESSAGE");
        for (var i = 0; i < errors.Count; i++)
        {
            var error = errors[i];
            if (i > 0 && error.Requeue != errors[i - 1].Requeue)
            {
                // Attempts count from 1 again after a retry from the dead-letter queue; the row says why.
                table.AddRow(Display.Text(""), Display.Text(""), new Markup("[yellow]requeued[/]"), Display.Text(""),
                    Display.Text($"Retried from the dead-letter queue (requeue {Display.Number(error.Requeue ?? 0)}); attempts count from 1 again."));
            }

            table.AddRow(
                (IRenderable)Display.Text(Display.Number(i + 1)), Display.Text(Display.Number(error.Attempt)), Display.Text(error.Type),
                Display.Text(Display.Time(error.At)), Display.Text(error.Message));
        }

        console.Write(table);
    }
}
