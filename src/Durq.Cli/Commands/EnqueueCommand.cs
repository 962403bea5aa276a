using System.CommandLine;
using System.Text.Json;
using Durq.Cli.Output;
using Durq.Contracts;

namespace Durq.Cli.Commands;

/// <summary><c>durq enqueue</c>: enqueues one task and prints its id, alone on its line, for scripts to capture.</summary>
internal static class EnqueueCommand
{
    private const string Stdin = "-";

    public static Command Create()
    {
        var activityType = new Argument<string>("activity-type") { Description = "The task's activity type, e.g. email.send." };
        var input = new Option<string>("--input") { Description = "The input as JSON, e.g. '{\"to\":\"ada@example.com\"}'; '-' reads stdin. Default null." };
        var inputFile = new Option<string>("--input-file") { Description = "Read the input JSON from this file; '-' reads stdin." };
        var maxAttempts = new Option<int?>("--max-attempts") { Description = "Total runs including the first, 1–1000. Default 5." };
        var priority = new Option<int?>("--priority") { Description = "−1000…1000; higher is claimed first. Default 0." };
        var delay = new Option<double?>("--delay") { Description = "Seconds to wait before the first run. Default 0." };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds one run may take before it fails as 'timeout', 1–86400. Default 300." };
        var idempotencyKey = new Option<string>("--idempotency-key") { Description = "Enqueue at most once per key: a repeat prints the first task's id." };
        var command = new Command("enqueue", "Enqueue a task and print its id.")
        {
            activityType, input, inputFile, maxAttempts, priority, delay, timeout, idempotencyKey,
        };
        return ClientAction.Set(command, async (result, session, cancellationToken) =>
        {
            var json = await ReadInputAsync(result.GetValue(input), result.GetValue(inputFile), cancellationToken);
            var options = new TaskOptionsContract
            {
                MaxAttempts = result.GetValue(maxAttempts),
                Priority = result.GetValue(priority),
                DelaySeconds = result.GetValue(delay),
                TimeoutSeconds = result.GetValue(timeout),
            };
            var id = await session.Client.EnqueueAsync(
                result.GetValue(activityType)!, json, options, result.GetValue(idempotencyKey), cancellationToken);
            Terminal.WriteRaw(id);
        });
    }

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

    // Checked here, so that a typo gets a message about the JSON rather than the server's invalid_json about the whole body.
    private static RawJson Validate(string text, string source)
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
