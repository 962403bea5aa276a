using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Durq.Cli.Output;
using Durq.Client;
using Durq.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq stats</c>: the dashboard's overview in the terminal: the queue's totals and verdict (<c>/health</c>), the
/// workers' count and capacity, the last minutes' rates (<c>/metrics/timeseries</c>) and the per-type table
/// (<c>/activity-types</c>). <c>--watch</c> redraws it every <c>--interval</c> until Ctrl+C; <c>--json</c> prints one
/// JSON document per look.
/// </summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var watch = new Option<bool>("--watch") { Description = "Redraw every --interval until Ctrl+C." };
        var interval = new Option<string>("--interval") { Description = "How often --watch looks again: 2s (the default), 500ms, 1m.", DefaultValueFactory = _ => "2s" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (one per look with --watch) instead of tables." };
        var command = new Command("stats", "Show the queue at a glance: totals, workers, recent rates and each activity type.") { watch, interval, json };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var every = Intervals.Parse(result.GetValue(interval)!);
            var asJson = result.GetValue(json);
            if (!result.GetValue(watch))
            {
                Show(await StatsSnapshot.TakeAsync(session.Client, cancellationToken), asJson);
                return;
            }

            try
            {
                await WatchAsync(session.Client, every, asJson, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the usual way to stop watching.
            }
        });
    }

    private static async Task WatchAsync(DurqClient client, TimeSpan every, bool asJson, CancellationToken cancellationToken)
    {
        // A live display redraws in place on a terminal; piped, each look is printed after the last, for a log.
        if (asJson || Console.IsOutputRedirected)
        {
            while (true)
            {
                Show(await StatsSnapshot.TakeAsync(client, cancellationToken), asJson);
                await Task.Delay(every, cancellationToken);
            }
        }

        var first = await StatsSnapshot.TakeAsync(client, cancellationToken);
        await Terminal.Out.Live(Render(first, every)).StartAsync(async live =>
        {
            while (true)
            {
                await Task.Delay(every, cancellationToken);
                live.UpdateTarget(Render(await StatsSnapshot.TakeAsync(client, cancellationToken), every));
            }
        });
    }

    private static void Show(StatsSnapshot snapshot, bool asJson)
    {
        if (asJson)
        {
            Terminal.WriteRaw(snapshot.ToJson());
            return;
        }

        Terminal.Out.Write(Render(snapshot, watchEvery: null));
    }

    internal static IRenderable Render(StatsSnapshot snapshot, TimeSpan? watchEvery)
    {
        var health = snapshot.Health;
        var lines = new List<IRenderable>
        {
            new Markup($"Queue: {StatusMarkup(health.Status)}" + (watchEvery is { } every
                ? Markup.Escape($"   (at {Display.Time(snapshot.At)}, every {Display.Until(every)}; Ctrl+C to stop)")
                : "")),
        };
        lines.AddRange(health.Reasons.Select(r => (IRenderable)new Text($"  {r.Code}: {r.Detail}")));
        lines.Add(new Text(
            $"Tasks: {Count(health.PendingTasks)} pending, {Count(health.ClaimedTasks)} claimed, {Count(health.DlqSize)} dead; " +
            $"in all {Count(health.CompletedTasks)} completed, {Count(health.FailedAttempts)} failed attempts"));
        lines.Add(new Text(
            $"Workers: {health.Workers.Active} active, {health.Workers.Draining} draining, {health.Workers.Stopped} stopped; " +
            $"load {health.TotalLoad} of capacity {health.TotalCapacity}"));
        lines.Add(new Text(snapshot.Rates is { } rates ? rates.Describe() : "Rates: this server keeps no time series."));
        lines.Add(Types(snapshot));
        return new Rows(lines);
    }

    private static IRenderable Types(StatsSnapshot snapshot)
    {
        if (snapshot.Types.Count == 0)
        {
            return new Text("No activity types yet: enqueue a task, or register a worker, and its type shows here.");
        }

        var table = TaskTables.NewTable("TYPE", "PENDING", "CLAIMED", "DEAD", "OLDEST PENDING", "WORKERS");
        foreach (var type in snapshot.Types)
        {
            var age = type.OldestPendingAt is { } oldest ? Display.Until(snapshot.At - oldest) : "";
            table.AddRow(
                Display.Text(type.ActivityType), Display.Text(Count(type.Pending)), Display.Text(Count(type.Claimed)),
                Display.Text(Count(type.Dead)), Display.Text(age), Display.Text(Display.Number(type.Workers)));
        }

        return table;
    }

    private static string StatusMarkup(string status) => status switch
    {
        "healthy" => "[green]healthy[/]",
        "warning" => "[yellow]warning[/]",
        _ => $"[red]{Markup.Escape(status)}[/]",
    };

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One look at the server: what <c>durq stats</c> shows, taken at <see cref="At"/> (this machine's clock).</summary>
internal sealed record StatsSnapshot(DateTimeOffset At, HealthResponse Health, IReadOnlyList<ActivityTypeResource> Types, RecentRates? Rates)
{
    public static async Task<StatsSnapshot> TakeAsync(DurqClient client, CancellationToken cancellationToken)
    {
        var health = await client.GetHealthAsync(cancellationToken);
        var types = await client.ListActivityTypesAsync(cancellationToken);
        return new StatsSnapshot(DateTimeOffset.UtcNow, health, types.Data, await RatesAsync(client, cancellationToken));
    }

    /// <summary>The rates, or null from a server that has no time series (older than the route: 404).</summary>
    private static async Task<RecentRates?> RatesAsync(DurqClient client, CancellationToken cancellationToken)
    {
        try
        {
            return RecentRates.Of(await client.GetTimeSeriesAsync("15m", cancellationToken));
        }
        catch (DurqProblemException problem) when (problem.Problem.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The document of <c>--json</c>: the server's own bodies under <c>health</c> and <c>activity_types</c>, and the rates.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("at", At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("health");
            JsonSerializer.Serialize(writer, Health, DurqJson.Context.HealthResponse);
            writer.WritePropertyName("activity_types");
            JsonSerializer.Serialize(writer, Types, DurqJson.Context.IReadOnlyListActivityTypeResource);
            writer.WritePropertyName("rates");
            if (Rates is { } rates)
            {
                rates.Write(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>What happened over the last few minutes of the time series: totals and per-second rates.</summary>
internal sealed record RecentRates(int Seconds, long Enqueued, long Completed, long Failed, long Dead)
{
    /// <summary>The span the rates cover: the last 5 minutes of points (fewer when the series is younger).</summary>
    public static readonly TimeSpan Span = TimeSpan.FromMinutes(5);

    public static RecentRates Of(TimeSeriesResponse series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var resolution = Math.Max(1, series.ResolutionSeconds);
        var recent = series.Points.TakeLast((int)(Span.TotalSeconds / resolution)).ToList();
        return new RecentRates(
            recent.Count * resolution, recent.Sum(p => p.Enqueued), recent.Sum(p => p.Completed), recent.Sum(p => p.Failed), recent.Sum(p => p.Dead));
    }

    public string Describe() => Seconds == 0
        ? "Rates: no samples yet (the server samples every 10 s)."
        : $"Last {Display.Until(TimeSpan.FromSeconds(Seconds))}: {Rate(Enqueued)} enqueued, {Rate(Completed)} completed, " +
          $"{Rate(Failed)} failed attempts, {Rate(Dead)} dead per second";

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("seconds", Seconds);
        writer.WriteNumber("enqueued", Enqueued);
        writer.WriteNumber("completed", Completed);
        writer.WriteNumber("failed", Failed);
        writer.WriteNumber("dead", Dead);
        writer.WriteEndObject();
    }

    private string Rate(long count) => (count / (double)Seconds).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Intervals as people write them: a whole number and a unit, <c>500ms</c>, <c>2s</c>, <c>1m</c>.</summary>
internal static class Intervals
{
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(100);

    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (digits, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], "ms")
            : text.Length > 1 ? (text[..^1], text[^1..]) : ("", "");
        var interval = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => TimeSpan.Zero,
        } : TimeSpan.Zero;
        return interval >= Shortest
            ? interval
            : throw new CommandLineException($"--interval '{text}' is not an interval of 100ms or more; write a whole number and a unit: 500ms, 2s or 1m.");
    }
}
