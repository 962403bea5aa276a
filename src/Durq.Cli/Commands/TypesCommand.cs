using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Durq.Cli.Output;
using Durq.Contracts;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq types</c> lists the activity types with their counts and settings; <c>pause</c>, <c>resume</c> and
/// <c>set</c> change what every node's claims obey (<c>PUT /activity-types/{type}</c>).
/// </summary>
internal static class TypesCommand
{
    private const string None = "none";

    public static Command Create()
    {
        var json = ClientOptions.Json();
        var list = new Command("list", "List the activity types: pending, claimed and dead tasks, workers, and what is set.") { json };
        ClientAction.Set(list, async (result, session, cancellationToken) =>
        {
            var types = await session.Client.ListActivityTypesAsync(cancellationToken);
            if (result.GetValue(json))
            {
                session.WriteLastResponse();
                return;
            }

            Write(Terminal.Out, types);
        });
        return new Command("types", "List activity types, or pause, resume or limit one.")
        {
            list, Toggle("pause", "Stop handing out tasks of the type (on every node) until resumed.", paused: true),
            Toggle("resume", "Hand out tasks of a paused type again.", paused: false), Set(),
        };
    }

    private static Command Toggle(string name, string description, bool paused)
    {
        var type = TypeArgument();
        var command = new Command(name, description) { type };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var updated = await session.Client.SetActivityTypeAsync(
                result.GetValue(type)!, paused ? """{"paused":true}""" : """{"paused":false}""", cancellationToken);
            Terminal.Out.WriteLine(paused
                ? $"{updated.ActivityType} is paused: no node hands out its tasks until 'durq types resume {updated.ActivityType}'."
                : $"{updated.ActivityType} is running: its {updated.Pending} pending tasks are handed out again.");
        });
    }

    private static Command Set()
    {
        var type = TypeArgument();
        var concurrency = Limit("--max-concurrency", "The most tasks of the type claimed at once, over every node; 'none' clears it.");
        var rate = Limit("--rate", "The most claims of the type per second, over every node (e.g. 2.5); 'none' clears it.");
        var burst = new Option<int?>("--burst") { Description = "With --rate: the most claims at once. Default: the rate, rounded up." };
        var threshold = Limit("--failure-threshold", "Open the type's circuit breaker after this many failed attempts in a row; 'none' removes it.");
        var openSeconds = new Option<int?>("--open-seconds") { Description = "With --failure-threshold: seconds the breaker stays open before a probe. Default 30." };
        var command = new Command("set", "Limit an activity type's concurrency, rate or failures; options left out stay as they are.")
        {
            type, concurrency, rate, burst, threshold, openSeconds,
        };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var body = SettingsJson(
                result.GetValue(concurrency), result.GetValue(rate), result.GetValue(burst), result.GetValue(threshold), result.GetValue(openSeconds));
            var updated = await session.Client.SetActivityTypeAsync(result.GetValue(type)!, body, cancellationToken);
            Terminal.Out.WriteLine($"{updated.ActivityType}: {Describe(updated.Settings)}.");
        });
    }

    /// <summary>The PUT body: only what was given, <c>null</c> for 'none'. Values are checked by the server, which names any bad one.</summary>
    private static string SettingsJson(string? concurrency, string? rate, int? burst, string? threshold, int? openSeconds)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (concurrency is not null)
            {
                WriteNumberOrNull(writer, "max_concurrency", concurrency, "--max-concurrency");
            }

            WriteGroup(writer, "rate_limit", rate, "--rate", "per_second", "burst", burst);
            WriteGroup(writer, "circuit", threshold, "--failure-threshold", "failure_threshold", "open_seconds", openSeconds);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteGroup(Utf8JsonWriter writer, string name, string? value, string option, string member, string extra, int? extraValue)
    {
        if (value is null)
        {
            return;
        }

        if (value == None)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        WriteNumberOrNull(writer, member, value, option);
        if (extraValue is { } given)
        {
            writer.WriteNumber(extra, given);
        }

        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, string value, string option)
    {
        if (value == None)
        {
            writer.WriteNull(name);
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            throw new CommandLineException($"{option} expects a number or 'none', got '{value}'.");
        }
    }

    private static Option<string> Limit(string name, string description) => new(name) { Description = description };

    private static Argument<string> TypeArgument() => new("activity-type") { Description = "The activity type, as tasks are enqueued with it." };

    private static void Write(IAnsiConsole console, ActivityTypeListResponse types)
    {
        if (types.Data.Count == 0)
        {
            console.WriteLine("No activity types yet: enqueue a task, or register a worker, and its type shows here.");
            return;
        }

        var table = TaskTables.NewTable("TYPE", "PENDING", "CLAIMED", "DEAD", "OLDEST PENDING", "WORKERS", "CIRCUIT", "SETTINGS");
        foreach (var type in types.Data)
        {
            table.AddRow(
                Display.Text(type.ActivityType), Display.Text(type.Pending.ToString(CultureInfo.InvariantCulture)),
                Display.Text(type.Claimed.ToString(CultureInfo.InvariantCulture)), Display.Text(type.Dead.ToString(CultureInfo.InvariantCulture)),
                Display.Text(Display.Time(type.OldestPendingAt)), Display.Text(Display.Number(type.Workers)),
                Display.Text(type.Circuit.State), Display.Text(Describe(type.Settings)));
        }

        console.Write(table);
    }

    private static string Describe(ActivityTypeSettingsResource settings)
    {
        var parts = new List<string>();
        if (settings.Paused)
        {
            parts.Add("paused");
        }

        if (settings.MaxConcurrency is { } concurrency)
        {
            parts.Add($"max {Display.Number(concurrency)} at once");
        }

        if (settings.RateLimit is { } rate)
        {
            parts.Add($"{rate.PerSecond.ToString(CultureInfo.InvariantCulture)}/s (burst {Display.Number(rate.Burst ?? 1)})");
        }

        if (settings.Circuit is { } circuit)
        {
            parts.Add($"breaker after {Display.Number(circuit.FailureThreshold)} failures, open {Display.Number(circuit.OpenSeconds ?? 0)} s");
        }

        return parts.Count == 0 ? "no limits" : string.Join(", ", parts);
    }
}
