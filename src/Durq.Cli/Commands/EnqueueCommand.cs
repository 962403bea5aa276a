using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Durq.Cli.Output;
using Durq.Contracts;

namespace Durq.Cli.Commands;

/// <summary><c>durq enqueue</c>: enqueues one task and prints its id, alone on its line, for scripts to capture.</summary>
internal static partial class EnqueueCommand
{
    private const string Stdin = "-";

    public static Command Create()
    {
        var activityType = new Argument<string>("activity-type") { Description = "The task's activity type, e.g. email.send." };
        var input = new Option<string>("--input") { Description = "The input as JSON, e.g. '{\"to\":\"ada@example.com\"}'; '-' reads stdin. Default null." };
        var inputFile = new Option<string>("--input-file") { Description = "Read the input JSON from this file; '-' reads stdin." };
        var maxAttempts = new Option<int?>("--max-attempts") { Description = "Total runs including the first, 1–1000. Default 5." };
        var priority = new Option<int?>("--priority") { Description = "−1000…1000; higher is claimed first. Default 0." };
        var delay = new Option<double?>("--delay") { Description = "Seconds to wait before the first run, at most a year. Default 0." };
        var runAt = TimeOption("--run-at", "The first run is not before this time, RFC 3339 with its offset, e.g. 2026-12-24T18:00:00Z; instead of --delay. Default now.");
        var expiresAt = TimeOption("--expires-at", "A task no worker claimed by this time (RFC 3339 with its offset) goes to the dead-letter queue as 'expired', without running. Default none.");
        var scheduleToStart = new Option<int?>("--schedule-to-start")
        {
            Description = "Seconds from the first run's time within which a worker must claim the task, else it expires; instead of --expires-at. Default none.",
        };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds one run may take before it fails as 'timeout', 1–86400. Default 300." };
        var heartbeatTimeout = new Option<int?>("--heartbeat-timeout")
        {
            Description = "Seconds a worker's lease lasts unless a heartbeat renews it; a worker gone silent this long loses the task, 1–3600. Default 30.",
        };
        var nonRetryable = new Option<string[]>("--non-retryable")
        {
            Description = "An error type that sends the task straight to the dead-letter queue instead of a retry, e.g. "
                + "Durq.Cli.ProgramFailedException (any failure of a durq worker program); repeat for more. Default none.",
        };
        var idempotencyKey = new Option<string>("--idempotency-key") { Description = "Enqueue at most once per key: a repeat prints the first task's id." };
        var command = new Command("enqueue", "Enqueue a task and print its id.")
        {
            activityType, input, inputFile, maxAttempts, priority, delay, runAt, expiresAt, scheduleToStart, timeout, heartbeatTimeout,
            nonRetryable, idempotencyKey,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(delay) is { Implicit: false } && result.GetResult(runAt) is { Implicit: false })
            {
                result.AddError("give the first run's time with --delay or with --run-at, not both.");
            }
        });
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var json = await ReadInputAsync(result.GetValue(input), result.GetValue(inputFile), cancellationToken);
            var options = new TaskOptionsContract
            {
                MaxAttempts = result.GetValue(maxAttempts),
                Priority = result.GetValue(priority),
                DelaySeconds = result.GetValue(delay),
                RunAt = result.GetValue(runAt),
                ExpiresAt = result.GetValue(expiresAt),
                ScheduleToStartSeconds = result.GetValue(scheduleToStart),
                TimeoutSeconds = result.GetValue(timeout),
                HeartbeatTimeoutSeconds = result.GetValue(heartbeatTimeout),
                Retry = result.GetValue(nonRetryable) is { Length: > 0 } types ? new RetryContract { NonRetryableErrorTypes = types } : null,
            };
            var id = await session.Client.EnqueueAsync(
                result.GetValue(activityType)!, json, options, result.GetValue(idempotencyKey), cancellationToken);
            Terminal.WriteRaw(id);
        });
    }

    /// <summary>
    /// <c>--run-at</c> and <c>--expires-at</c>: an RFC 3339 time, its offset included, as the API takes it; a time without
    /// one would silently be this machine's local time, which is not what a server elsewhere (or a script run in another
    /// zone) would read.
    /// </summary>
    private static Option<DateTimeOffset?> TimeOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            result.AddError($"{name} expects a time with its offset (RFC 3339), e.g. 2026-12-24T18:00:00Z or 2026-12-24T19:00:00+01:00, got '{text}'.");
            return null;
        },
    };

    private static async Task<RawJson> ReadInputAsync(string? inline, string? file, CancellationToken cancellationToken)
    {
        if (inline is not null && file is not null)
        {
            throw new CommandLineException("give the input with --input or with --input-file, not both.");
        }

        var (text, source) = (inline, file) switch
        {
            (Stdin, _) or (_, Stdin) => (await Console.In.ReadToEndAsync(cancellationToken), "stdin"),
            ({ } json, _) => (json, "--input"),
            (_, { } path) => (await ReadFileAsync(path, cancellationToken), path),
            _ => ("null", "the default"),
        };
        return Validate(text, source);
    }

    private static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"cannot read the input file: {error.Message}");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    // Checked here, so that a typo gets a message about the JSON rather than the server's invalid_json about the whole body.
    internal static RawJson Validate(string text, string source)
    {
        var trimmed = text.Trim();
        try
        {
            using var _ = JsonDocument.Parse(trimmed);
            return new RawJson(trimmed);
        }
        catch (JsonException error)
        {
            throw new CommandLineException(
                $"the input from {source} is not JSON ({error.Message}). A string needs its quotes: --input '\"text\"'.");
        }
    }
}
