using System.CommandLine;
using Durq.Cli.Output;
using Durq.Client;
using Durq.Contracts;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary><c>durq dlq list|retry|purge</c>: the dead-letter queue, which is every task in status <c>dead</c>.</summary>
internal static class DlqCommand
{
    public static Command Create() => new("dlq", "List dead tasks and send them back to pending.") { List(), Retry(), Purge() };

    private static Command List()
    {
        var activityType = ClientOptions.ActivityType("Only dead tasks of this activity type.");
        var limit = ClientOptions.Limit();
        var cursor = ClientOptions.Cursor();
        var json = ClientOptions.Json();
        var command = new Command("list", "List dead tasks, newest first, with their last error.") { activityType, limit, cursor, json };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var page = await session.Client.ListDeadTasksAsync(
                result.GetValue(activityType), result.GetValue(limit), result.GetValue(cursor), cancellationToken);
            if (result.GetValue(json))
            {
                session.WriteLastResponse();
                return;
            }

            TaskTables.WriteDeadTasks(Terminal.Out, page, TasksCommand.NextPageCommand("durq dlq list", result, activityType, limit));
        });
    }

    private static Command Retry()
    {
        var id = new Argument<string?>("task-id") { Description = "The dead task to retry.", Arity = ArgumentArity.ZeroOrOne };
        var (all, activityType, errorType) = FilterOptions("retry");
        var command = new Command("retry", "Send a dead task, or many, back to pending with its attempts reset.") { id, all, activityType, errorType };
        command.Validators.Add(result =>
        {
            var filtered = result.GetValue(all) || result.GetValue(activityType) is not null || result.GetValue(errorType) is not null;
            if ((result.GetValue(id) is not null) == filtered)
            {
                result.AddError("Give either a task id, or --all, --activity-type or --error-type.");
            }
        });
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            if (result.GetValue(id) is { } taskId)
            {
                await RetryOneAsync(session.Client, taskId, cancellationToken);
                return;
            }

            var filter = new RetryDeadTasksRequest
            {
                ActivityType = result.GetValue(activityType),
                ErrorType = result.GetValue(errorType),
                All = result.GetValue(all) ? true : null,
            };
            var answer = await session.Client.RetryDeadTasksAsync(filter, cancellationToken);
            Terminal.Out.WriteLine($"{Display.Count(answer.Retried, "dead task", "dead tasks")}{Which(filter.ActivityType, filter.ErrorType)} back to pending.");
        });
    }

    private static Command Purge()
    {
        var (all, activityType, errorType) = FilterOptions("purge");
        var command = new Command("purge", "Delete dead tasks: of --activity-type and/or --error-type, or --all of them.") { all, activityType, errorType };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(all) && result.GetValue(activityType) is null && result.GetValue(errorType) is null)
            {
                result.AddError("Give --all, --activity-type or --error-type: a purge never deletes every dead task unless asked to.");
            }
        });
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var filter = new PurgeDeadTasksRequest
            {
                ActivityType = result.GetValue(activityType),
                ErrorType = result.GetValue(errorType),
                All = result.GetValue(all) ? true : null,
            };
            var answer = await session.Client.PurgeDeadTasksAsync(filter, cancellationToken);
            Terminal.Out.WriteLine($"{Display.Count(answer.Deleted, "dead task", "dead tasks")}{Which(filter.ActivityType, filter.ErrorType)} deleted.");
        });
    }

    private static (Option<bool> All, Option<string> ActivityType, Option<string> ErrorType) FilterOptions(string action) => (
        new Option<bool>("--all") { Description = $"{char.ToUpperInvariant(action[0])}{action[1..]} every dead task (narrowed by the other options, when given)." },
        ClientOptions.ActivityType("Only dead tasks of this activity type."),
        new Option<string>("--error-type") { Description = "Only dead tasks whose last error has this type (e.g. expired)." });

    private static string Which(string? activityType, string? errorType) =>
        (activityType is null ? "" : $" of {activityType}") + (errorType is null ? "" : $" that failed with {errorType}");

    private static async Task RetryOneAsync(DurqClient client, string taskId, CancellationToken cancellationToken)
    {
        var task = await client.RetryDeadTaskAsync(taskId, cancellationToken);
        Terminal.Out.MarkupLine(
            $"Task {Markup.Escape(task.Id)} is {Markup.Escape(task.Status)} again, with its attempts reset (requeue_count {task.RequeueCount ?? 0}).");
    }
}
