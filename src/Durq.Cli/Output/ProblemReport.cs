using Durq.Client;
using Spectre.Console;

namespace Durq.Cli.Output;

/// <summary>A problem answer (API.md, "Errors") as a person reads it: code and detail, every bad field, what to do next.</summary>
internal static class ProblemReport
{
    private const string TaskPath = "/api/v1/durable/tasks/";

    public static void Write(IAnsiConsole console, DurqProblemException error)
    {
        var problem = error.Problem;
        console.MarkupLine(
            $"[red]error:[/] [bold]{Markup.Escape(problem.Code)}[/] ({problem.Status}): {Markup.Escape(problem.Detail ?? problem.Title)}");
        foreach (var field in problem.Errors ?? [])
        {
            console.MarkupLine($"  [bold]{Markup.Escape(field.Field)}[/]: {Markup.Escape(field.Message)}");
        }

        foreach (var action in problem.AllowedActions ?? [])
        {
            WriteAction(console, action.Hint, action.Href);
        }

        if (error.RetryAfter is { } retryAfter && problem.AllowedActions is not { Count: > 0 })
        {
            WriteAction(console, $"Retry after {retryAfter.TotalSeconds:0} seconds.", null);
        }
    }

    private static void WriteAction(IAnsiConsole console, string? hint, string? href)
    {
        if (hint is not null)
        {
            console.MarkupLine($"[yellow]hint:[/] {Markup.Escape(hint)}");
        }

        if (href is not null)
        {
            console.MarkupLine($"[yellow]see:[/] {Markup.Escape(Command(href))}");
        }
    }

    // The task an idempotency key already created is one command away; other links are shown as they came.
    private static string Command(string href) =>
        href.StartsWith(TaskPath, StringComparison.Ordinal) && !href[TaskPath.Length..].Contains('/', StringComparison.Ordinal)
            ? "durq tasks show " + href[TaskPath.Length..]
            : href;
}
