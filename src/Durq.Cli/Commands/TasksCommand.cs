using System.CommandLine;
using Durq.Cli.Output;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary><c>durq tasks list|show|cancel</c>.</summary>
internal static class TasksCommand
{
    public static Command Create() => new("tasks", "List, show, explain, cancel and delete tasks.") { List(), Show(), Explain(), Cancel(), Delete() };

    private static Command List()
    {
        var status = new Option<string>("--status") { Description = "Only tasks in this status: pending, claimed, completed, dead or cancelled." };
        var activityType = ClientOptions.ActivityType("Only tasks of this activity type.");
        var limit = ClientOptions.Limit();
        var cursor = ClientOptions.Cursor();
        var json = ClientOptions.Json();
        var command = new Command("list", "List tasks, newest first.") { status, activityType, limit, cursor, json };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var page = await session.Client.ListTasksAsync(
                result.GetValue(status), result.GetValue(activityType), result.GetValue(limit), result.GetValue(cursor), cancellationToken);
            if (result.GetValue(json))
            {
                session.WriteLastResponse();
                return;
            }

            TaskTables.WriteTasks(Terminal.Out, page, NextPageCommand("durq tasks list", result, status, activityType, limit));
        });
    }

    private static Command Show()
    {
        var id = TaskId();
        var json = ClientOptions.Json();
        var command = new Command("show", "Show a task: every field, its input and result, and every failed attempt.") { id, json };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var task = await session.Client.GetTaskAsync(result.GetValue(id)!, cancellationToken);
            if (result.GetValue(json))
            {
                session.WriteLastResponse();
                return;
            }

            TaskDetails.Write(Terminal.Out, task);
        });
    }

    private static Command Cancel()
    {
        var id = TaskId();
        var command = new Command("cancel", "Cancel a pending task, or ask the worker of a claimed one to stop.") { id };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var task = await session.Client.CancelTaskAsync(result.GetValue(id)!, cancellationToken);
            Terminal.Out.MarkupLine(task.Status == "cancelled"
                ? $"Task {Markup.Escape(task.Id)} is cancelled."
                : $"Cancel requested: task {Markup.Escape(task.Id)} is running; its worker hears at its next heartbeat, and the task ends cancelled when the worker stops (a completion still wins).");
        });
    }

    private static Command Explain()
    {
        var id = TaskId();
        var json = ClientOptions.Json();
        var command = new Command("explain", "Say why a task is not running (or what it is doing): every reason, and when it ends.") { id, json };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var explanation = await session.Client.ExplainTaskAsync(result.GetValue(id)!, cancellationToken);
            if (result.GetValue(json))
            {
                session.WriteLastResponse();
                return;
            }

            Terminal.Out.WriteLine($"{explanation.Status}, {(explanation.Runnable ? "runnable: a claim of its type would take it now" : "not runnable now")}");
            foreach (var reason in explanation.Reasons)
            {
                var until = reason.Until is { } time ? $" (until {Display.Time(time)})" : "";
                Terminal.Out.WriteLine($"  {reason.Code}: {reason.Message}{until}");
            }
        });
    }

    private static Command Delete()
    {
        var id = TaskId();
        var command = new Command("delete", "Delete a task in any state but claimed (cancel a running one first).") { id };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            await session.Client.DeleteTaskAsync(result.GetValue(id)!, cancellationToken);
            Terminal.Out.WriteLine($"Task {result.GetValue(id)} is deleted.");
        });
    }

    public static Argument<string> TaskId() => new("task-id") { Description = "The task's id, as enqueue printed it." };

    /// <summary>The same command again, with the filters given, for the "More:" line under a page.</summary>
    public static string NextPageCommand(string command, ParseResult result, params Option[] filters)
    {
        var words = new List<string> { command };
        foreach (var filter in filters)
        {
            if (result.GetResult(filter) is { Implicit: false, Tokens.Count: > 0 } given)
            {
                words.Add(filter.Name);
                words.Add(given.Tokens[0].Value);
            }
        }

        return string.Join(' ', words);
    }
}
