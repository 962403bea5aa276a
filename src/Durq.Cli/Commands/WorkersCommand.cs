using System.CommandLine;
using Durq.Cli.Output;
using Durq.Contracts;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary><c>durq workers</c> lists the workers; <c>durq workers drain|resume</c> stops and restarts handing one tasks.</summary>
internal static class WorkersCommand
{
    public static Command Create()
    {
        var limit = ClientOptions.Limit();
        var cursor = ClientOptions.Cursor();
        var json = ClientOptions.Json();
        var command = new Command("workers", "List workers (a page, in id order) with their load, or drain and resume one.")
        {
            limit, cursor, json, Drain(), Resume(),
        };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var workers = await session.Client.ListWorkersAsync(result.GetValue(limit), result.GetValue(cursor), cancellationToken);
            if (result.GetValue(json))
            {
                session.WriteLastResponse();
                return;
            }

            Write(Terminal.Out, workers, TasksCommand.NextPageCommand("durq workers", result, limit));
        });
    }

    private static Command Drain()
    {
        var id = WorkerId();
        var command = new Command("drain", "Stop handing a worker new tasks; it finishes what it holds.") { id };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var worker = await session.Client.DrainWorkerAsync(result.GetValue(id)!, cancellationToken);
            Terminal.Out.MarkupLine($"Worker {Markup.Escape(worker.Id)} is draining: it gets no new tasks until resumed.");
        });
    }

    private static Command Resume()
    {
        var id = WorkerId();
        var command = new Command("resume", "Hand a drained worker tasks again.") { id };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var worker = await session.Client.ResumeWorkerAsync(result.GetValue(id)!, cancellationToken);
            Terminal.Out.MarkupLine($"Worker {Markup.Escape(worker.Id)} is {Markup.Escape(worker.Status)}: it gets tasks again.");
        });
    }

    private static Argument<string> WorkerId() => new("worker-id") { Description = "The worker's id, as 'durq workers' lists it." };

    private static void Write(IAnsiConsole console, WorkerListResponse workers, string nextPageCommand)
    {
        if (workers.Data.Count > 0)
        {
            var table = TaskTables.NewTable("ID", "STATUS", "ACTIVITY TYPES", "LOAD", "GROUP", "HOST", "VERSION", "LAST HEARTBEAT");
            foreach (var worker in workers.Data)
            {
                table.AddRow(
                    Display.Text(worker.Id), Display.Status(worker.Status), Display.Text(string.Join(", ", worker.ActivityTypes)),
                    Display.Text($"{worker.CurrentLoad}/{worker.MaxConcurrency}"), Display.Text(worker.WorkerGroup),
                    Display.Text(worker.Hostname), Display.Text(worker.Version), Display.Text(Display.Time(worker.LastHeartbeatAt)));
            }

            console.Write(table);
            TaskTables.WriteNextPage(console, workers.NextCursor, nextPageCommand);
        }

        // The summary counts every worker of the tenant, not only this page's.
        var summary = workers.Summary;
        console.WriteLine(
            $"{summary.Active} active, {summary.Draining} draining, {summary.Stopped} stopped; " +
            $"load {summary.TotalLoad} of {summary.TotalCapacity} slots.");
    }
}
