using System.CommandLine;
using Durq.Cli.Output;
using Durq.Client;
using Durq.Contracts;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq schedules</c>: create, list, show, pause, resume, trigger and delete recurring tasks (<c>/schedules</c>). A
/// schedule is named by its id or by its name (names are unique per tenant).
/// </summary>
internal static class SchedulesCommand
{
    private const int RecentExecutions = 10;

    public static Command Create() => new("schedules", "Create, list, show, pause, resume, trigger or delete recurring tasks.")
    {
        CreateCommand(), List(), Show(),
        Toggle("pause", "Stop firing the schedule until resumed (a trigger still fires it).", paused: true),
        Toggle("resume", "Fire the schedule again, from its next time after now (missed times are not caught up).", paused: false),
        Trigger(), Delete(),
    };

    private static Command CreateCommand()
    {
        var name = new Argument<string>("name") { Description = "The schedule's name, unique in the tenant, e.g. nightly-report." };
        var type = new Option<string>("--type") { Description = "The activity type of the tasks it enqueues.", Required = true };
        var cron = new Option<string>("--cron")
        {
            Description = "When: 5 fields (minute hour day month weekday), e.g. \"0 2 * * *\", or 6 with seconds first.",
            Required = true,
        };
        var input = new Option<string?>("--input") { Description = "The tasks' input as JSON. Default: null." };
        var zone = new Option<string?>("--time-zone") { Description = "An IANA time zone, e.g. Europe/Berlin. Default: UTC." };
        var overlap = new Option<string?>("--overlap") { Description = "allow (default) or skip: skip a time while the last task is unfinished." };
        var catchUp = new Option<string?>("--catch-up") { Description = "After missed times: none (default), one (the latest) or all." };
        var paused = new Option<bool>("--paused") { Description = "Create it paused." };
        var command = new Command("create", "Create a schedule.") { name, type, cron, input, zone, overlap, catchUp, paused };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var created = await session.Client.CreateScheduleAsync(new CreateScheduleRequest
            {
                Name = result.GetValue(name)!,
                ActivityType = result.GetValue(type)!,
                Input = EnqueueCommand.Validate(result.GetValue(input) ?? "null", "--input"),
                Cron = result.GetValue(cron)!,
                TimeZone = result.GetValue(zone),
                Overlap = result.GetValue(overlap),
                CatchUp = result.GetValue(catchUp),
                Paused = result.GetValue(paused) ? true : null,
            }, cancellationToken);
            Terminal.Out.WriteLine($"Created schedule {created.Name} ({created.Id}): {Next(created)}.");
        });
    }

    private static Command List()
    {
        var json = ClientOptions.Json();
        var cursor = new Option<string?>("--cursor") { Description = "The cursor the previous page printed." };
        var command = new Command("list", "List the schedules: cron, zone, next fire time, last task.") { json, cursor };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var page = await session.Client.ListSchedulesAsync(cursor: result.GetValue(cursor), cancellationToken: cancellationToken);
            if (result.GetValue(json))
            {
                session.WriteLastResponse();
                return;
            }

            WriteList(Terminal.Out, page);
        });
    }

    private static Command Show()
    {
        var schedule = ScheduleArgument();
        var json = ClientOptions.Json();
        var command = new Command("show", $"Show a schedule and its {RecentExecutions} latest executions.") { schedule, json };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var found = await FindAsync(session.Client, result.GetValue(schedule)!, cancellationToken);
            if (result.GetValue(json))
            {
                // Read by id, so the answer printed is the schedule's even when it was found by name in the list.
                await session.Client.GetScheduleAsync(found.Id, cancellationToken);
                session.WriteLastResponse();
                return;
            }

            var executions = await session.Client.ListScheduleExecutionsAsync(found.Id, RecentExecutions, cancellationToken: cancellationToken);
            WriteDetails(Terminal.Out, found, executions);
        });
    }

    private static Command Toggle(string name, string description, bool paused)
    {
        var schedule = ScheduleArgument();
        var command = new Command(name, description) { schedule };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var found = await FindAsync(session.Client, result.GetValue(schedule)!, cancellationToken);
            var updated = await session.Client.SetSchedulePausedAsync(found.Id, paused, cancellationToken);
            Terminal.Out.WriteLine(paused
                ? $"{updated.Name} is paused: it fires nothing until 'durq schedules resume {updated.Name}'."
                : $"{updated.Name} is running: {Next(updated)}.");
        });
    }

    private static Command Trigger()
    {
        var schedule = ScheduleArgument();
        var command = new Command("trigger", "Fire a schedule now (even while paused), under its overlap policy.") { schedule };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var found = await FindAsync(session.Client, result.GetValue(schedule)!, cancellationToken);
            var execution = await session.Client.TriggerScheduleAsync(found.Id, cancellationToken);
            Terminal.Out.WriteLine(execution.TaskId is { } task
                ? $"{found.Name} fired: task {task}."
                : $"{found.Name} skipped the trigger: {execution.Reason}.");
        });
    }

    private static Command Delete()
    {
        var schedule = ScheduleArgument();
        var command = new Command("delete", "Delete a schedule and its executions; the tasks it enqueued stay.") { schedule };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var found = await FindAsync(session.Client, result.GetValue(schedule)!, cancellationToken);
            await session.Client.DeleteScheduleAsync(found.Id, cancellationToken);
            Terminal.Out.WriteLine($"Deleted schedule {found.Name} ({found.Id}).");
        });
    }

    private static Argument<string> ScheduleArgument() => new("schedule") { Description = "The schedule's id or name." };

    /// <summary>The schedule with this id, or else with this name (looked for page by page: a tenant's schedules are few).</summary>
    private static async Task<ScheduleResource> FindAsync(DurqClient client, string idOrName, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrName, out _))
        {
            return await client.GetScheduleAsync(idOrName, cancellationToken);
        }

        string? cursor = null;
        do
        {
            var page = await client.ListSchedulesAsync(500, cursor, cancellationToken);
            if (page.Data.FirstOrDefault(s => s.Name == idOrName) is { } named)
            {
                return named;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        throw new CommandLineException($"no schedule has the id or name '{idOrName}'; 'durq schedules list' shows them.");
    }

    private static string Next(ScheduleResource schedule) =>
        schedule.NextFireAt is { } next ? $"next fire at {Display.Time(next)}" : schedule.Paused ? "paused" : "no future fire time";

    private static void WriteList(IAnsiConsole console, ScheduleListResponse page)
    {
        if (page.Data.Count == 0)
        {
            console.WriteLine("No schedules yet: 'durq schedules create <name> --type <activity type> --cron \"0 2 * * *\"' makes one.");
            return;
        }

        var table = TaskTables.NewTable("NAME", "ID", "TYPE", "CRON", "TIME ZONE", "NEXT FIRE", "POLICIES", "LAST TASK");
        foreach (var schedule in page.Data)
        {
            table.AddRow(
                Display.Text(schedule.Name), Display.Text(schedule.Id), Display.Text(schedule.ActivityType), Display.Text(schedule.Cron),
                Display.Text(schedule.TimeZone), Display.Text(schedule.Paused ? "paused" : Display.Time(schedule.NextFireAt)),
                Display.Text($"overlap {schedule.Overlap}, catch-up {schedule.CatchUp}"), Display.Text(schedule.LastTaskId));
        }

        console.Write(table);
        TaskTables.WriteNextPage(console, page.NextCursor, "durq schedules list");
    }

    private static void WriteDetails(IAnsiConsole console, ScheduleResource schedule, ScheduleExecutionListResponse executions)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string label, string? value) => grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), Display.Text(value));
        Row("Name", schedule.Name);
        Row("Id", schedule.Id);
        Row("Activity type", schedule.ActivityType);
        Row("Cron", $"{schedule.Cron} ({schedule.TimeZone})");
        Row("Next fire", schedule.Paused ? "paused" : Display.Time(schedule.NextFireAt));
        Row("Overlap", schedule.Overlap);
        Row("Catch-up", schedule.CatchUp);
        Row("Input", Display.PrettyJson(schedule.Input));
        Row("Options", Display.PrettyJson(schedule.Options));
        Row("Last task", schedule.LastTaskId);
        console.Write(grid);
        if (executions.Data.Count == 0)
        {
            console.WriteLine("It has not fired yet.");
            return;
        }

        var table = TaskTables.NewTable("SCHEDULED FOR", "KIND", "OUTCOME", "TASK");
        foreach (var execution in executions.Data)
        {
            table.AddRow(
                Display.Text(Display.Time(execution.ScheduledFor)), Display.Text(execution.Kind),
                Display.Text(execution.Reason is { } reason ? $"{execution.Outcome} ({reason})" : execution.Outcome), Display.Text(execution.TaskId));
        }

        console.Write(table);
    }
}
