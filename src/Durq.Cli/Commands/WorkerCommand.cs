using System.CommandLine;
using System.CommandLine.Parsing;
using Durq.Cli.Parsing;
using Durq.Cli.ProgramWorker;
using Durq.Client;
using Durq.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq worker -- program [args]</c>: a <see cref="DurqWorker"/> host whose handler runs a program per task, so any
/// program becomes a worker with leases, heartbeats, cancellation and a graceful drain on Ctrl+C or SIGTERM.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>The server's default <c>Workers:MaxResultBytes</c>.</summary>
    public const int DefaultMaxResultBytes = 1_048_576;

    public static Command Create()
    {
        var url = ClientOptions.Url();
        var apiKey = ClientOptions.ApiKey();
        var activityTypes = ActivityTypesOption();
        // One by default: each task is a process of its own, and a program written for one input at a time should not
        // find itself running sixteen times over on a small machine.
        var concurrency = AtLeastOne(new Option<int>("--concurrency")
        {
            Description = "How many tasks (processes) run at once. Default 1.",
            DefaultValueFactory = _ => 1,
        });
        var workerId = WorkerIdOption();
        var maxResultBytes = AtLeastOne(new Option<int>("--max-result-bytes")
        {
            Description = $"The largest result kept, matching the server's Workers:MaxResultBytes. Default {DefaultMaxResultBytes}.",
            DefaultValueFactory = _ => DefaultMaxResultBytes,
        });
        var program = ProgramArgument();
        var command = new Command("worker", "Run a program as a Durq worker: the task's input on stdin, stdout as its result.")
        {
            url, apiKey, activityTypes, concurrency, workerId, maxResultBytes, program,
        };
        command.SetAction(async result =>
        {
            string? key;
            try
            {
                key = ClientOptions.ReadApiKey(result, apiKey);
            }
            catch (CommandLineException error)
            {
                ClientAction.WriteError(error.Message);
                return ClientAction.Failed;
            }

            return await RunAsync(new WorkerSettings(
                ClientOptions.ParseServerUrl(result.GetValue(url))!, key, [.. result.GetValue(activityTypes)!.Distinct(StringComparer.Ordinal)],
                result.GetValue(concurrency), result.GetValue(workerId), result.GetValue(maxResultBytes), result.GetValue(program)!,
                Verbose.IsOn(result)));
        });
        return command;
    }

    private static Argument<string[]> ProgramArgument()
    {
        var program = new Argument<string[]>("program")
        {
            Description = "After '--': the program to run for each task, and its arguments.",
            Arity = ArgumentArity.OneOrMore,
        };
        // Words System.CommandLine matched to no option land here; a program named like an option is a mistyped option.
        program.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var first }, ..] && first.StartsWith('-'))
            {
                result.AddError(UnmatchedTokens.Describe(first, (CommandResult)result.Parent!));
            }
        });
        return program;
    }

    private static Option<string[]> ActivityTypesOption()
    {
        var option = new Option<string[]>("--activity-type")
        {
            Description = "An activity type to run the program for; repeat the option for more.",
            Required = true,
        };
        // Checked here: the server would refuse the registration, and the worker would keep trying to register.
        option.Validators.Add(result =>
        {
            foreach (var activityType in result.GetValueOrDefault<string[]>().Where(type => !EnqueueRequestParser.IsValidActivityType(type)))
            {
                result.AddError($"'{activityType}' is not an activity type: use letters, digits and . _ : / - (at most 200), e.g. email.send.");
            }
        });
        return option;
    }

    private static Option<string> WorkerIdOption()
    {
        var option = new Option<string>("--worker-id")
        {
            Description = "The worker's id, 1–200 characters. Default: host name, process id and a random suffix.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { Length: > 0 and <= 200 })
            {
                result.AddError("--worker-id must be 1 to 200 characters long.");
            }
        });
        return option;
    }

    private static Option<int> AtLeastOne(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var value && value < 1)
            {
                result.AddError($"{option.Name} must be at least 1; it is {value}.");
            }
        });
        return option;
    }

    private static async Task<int> RunAsync(WorkerSettings settings)
    {
        if (!ProgramLocator.Exists(settings.Program[0]))
        {
            ClientAction.WriteError($"cannot find the program '{settings.Program[0]}': give a path to it, or a name on PATH.");
            return ClientAction.Failed;
        }

        using var host = BuildHost(settings);
        // The host stops on Ctrl+C and SIGTERM: the worker claims nothing more, lets running programs finish (20 s at
        // most, then kills them) and deregisters.
        await host.RunAsync();
        return ClientAction.Succeeded;
    }

    private static IHost BuildHost(WorkerSettings settings)
    {
        // No defaults: the worker reads no appsettings.json from wherever it happens to be started.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(options => options.FormatterName = WorkerLogFormatter.Name)
            .AddConsoleFormatter<WorkerLogFormatter, WorkerLogFormatter.Options>(options => options.Verbose = settings.Verbose);
        ProgramHandler? handler = null;
        var worker = builder.Services.AddDurqWorker(options =>
        {
            options.ServerUrl = settings.Url;
            options.ApiKey = settings.ApiKey;
            options.Concurrency = settings.Concurrency;
            options.WorkerId = settings.WorkerId ?? options.WorkerId;
        });
        foreach (var activityType in settings.ActivityTypes)
        {
            // The handler is made once the host is built, for its logger; no task is claimed before the host runs.
            worker.Handle(activityType, (input, task) => handler!.RunAsync(input, task));
        }

        var host = builder.Build();
        handler = new ProgramHandler(settings.Program, settings.MaxResultBytes, host.Services.GetRequiredService<ILogger<ProgramHandler>>());
        return host;
    }

    private sealed record WorkerSettings(
        Uri Url, string? ApiKey, IReadOnlyList<string> ActivityTypes, int Concurrency, string? WorkerId, int MaxResultBytes,
        IReadOnlyList<string> Program, bool Verbose);
}
