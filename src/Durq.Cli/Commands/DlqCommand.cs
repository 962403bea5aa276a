using System.CommandLine;
using Durq.Cli.Output;
using Durq.Client;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary><c>durq dlq list|retry</c>: the dead-letter queue, which is every task in status <c>dead</c>.</summary>
internal static class DlqCommand
{
    public static Command Create() => new("dlq", "List dead tasks and send them back to pending.") { List(), Retry() };

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
        var all = new Option<bool>("--all") { Description = "Retry every dead task (of --activity-type, when given)." };
        var activityType = ClientOptions.ActivityType("With --all: only dead tasks of this activity type.");
        var command = new Command("retry", "Send a dead task, or all of them, back to pending with its attempts reset.") { id, all, activityType };
        command.Validators.Add(result =>
        {
            var hasId = result.GetValue(id) is not null;
            var isAll = result.GetValue(all);
            if (hasId == isAll)
            {
                result.AddError("Give either a task id or --all.");
            }
            else if (hasId && result.GetValue(activityType) is not null)
            {
                result.AddError("--activity-type goes with --all; a task id names one task already.");
            }
        });
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            if (result.GetValue(id) is { } taskId)
            {
                await RetryOneAsync(session.Client, taskId, cancellationToken);
            }
            else
            {
                await RetryAllAsync(session.Client, result.GetValue(activityType), cancellationToken);
            }
        });
    }

    private static async Task RetryOneAsync(DurqClient client, string taskId, CancellationToken cancellationToken)
    {
        var task = await client.RetryDeadTaskAsync(taskId, cancellationToken);
        Terminal.Out.MarkupLine(
            $"Task {Markup.Escape(task.Id)} is {Markup.Escape(task.Status)} again, with its attempts reset (requeue_count {task.RequeueCount ?? 0}).");
    }

    private static async Task RetryAllAsync(DurqClient client, string? activityType, CancellationToken cancellationToken)
    {
        var answer = await client.RetryDeadTasksAsync(activityType, cancellationToken);
        var which = activityType is null ? "" : $" of {activityType}";
        Terminal.Out.WriteLine($"{Display.Count(answer.Retried, "dead task", "dead tasks")}{which} back to pending.");
    }
}
