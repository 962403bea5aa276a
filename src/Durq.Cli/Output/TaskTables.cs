using Durq.Contracts;
using Spectre.Console;

namespace Durq.Cli.Output;

/// <summary>The tables of <c>durq tasks list</c> and <c>durq dlq list</c>, and the next-page line of every list.</summary>
internal static class TaskTables
{
    /// <param name="now">The time a pending task's wait is counted from; the machine's clock unless given.</param>
    public static void WriteTasks(IAnsiConsole console, TaskListResponse page, string nextPageCommand, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        if (page.Data.Count == 0)
        {
            console.WriteLine("No tasks.");
            return;
        }

        var table = NewTable("ID", "ACTIVITY TYPE", "STATUS", "ATTEMPT", "PRIORITY", "CREATED", "UPDATED");
        foreach (var task in page.Data)
        {
            table.AddRow(
                Display.Text(task.Id), Display.Text(task.ActivityType), Display.TaskStatus(task, at),
                Display.Text($"{task.Attempt}/{task.MaxAttempts}"), Display.Text(Display.Number(task.Priority)),
                Display.Text(Display.Time(task.CreatedAt)), Display.Text(Display.Time(task.UpdatedAt)));
        }

        console.Write(table);
        WriteNextPage(console, page.NextCursor, nextPageCommand);
    }

    public static void WriteDeadTasks(IAnsiConsole console, TaskListResponse page, string nextPageCommand)
    {
        if (page.Data.Count == 0)
        {
            console.WriteLine("The dead-letter queue is empty.");
            return;
        }

        var table = NewTable("ID", "ACTIVITY TYPE", "ATTEMPTS", "REQUEUED", "DIED", "LAST ERROR");
        foreach (var task in page.Data)
        {
            table.AddRow(
                Display.Text(task.Id), Display.Text(task.ActivityType), Display.Text(Display.Number(task.Attempt)),
                Display.Text(Display.Number(task.RequeueCount ?? 0)), Display.Text(Display.Time(task.UpdatedAt)),
                Display.Text(Display.Summary(Display.LastError(task.LastError))));
        }

        console.Write(table);
        WriteNextPage(console, page.NextCursor, nextPageCommand);
    }

    /// <summary>A table whose first column (an id, copied into the next command) is never wrapped.</summary>
    public static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header, new Style(decoration: Decoration.Bold)));
            table.AddColumn(table.Columns.Count == 0 ? column.NoWrap() : column);
        }

        return table;
    }

    /// <summary>The "More:" line under a page that has a next one: the same command with its cursor.</summary>
    public static void WriteNextPage(IAnsiConsole console, string? nextCursor, string nextPageCommand)
    {
        if (nextCursor is { } cursor)
        {
            console.MarkupLine($"[grey]More: {Markup.Escape(nextPageCommand)} --cursor {Markup.Escape(cursor)}[/]");
        }
    }
}
