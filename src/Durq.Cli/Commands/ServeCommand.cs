using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Durq.Cli.Parsing;
using Durq.Core.Storage;
using Durq.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Cli.Commands;

/// <summary><c>durq serve</c>: runs a Durq node, on the embedded SQLite store or on a shared PostgreSQL database.</summary>
internal static class ServeCommand
{
    private const string Name = "serve";

    private static readonly string SettingsHelp =
        $"Any other setting as {ConfigurationOverrides.Form}, e.g. --Limits:MaxInputBytes=2048 or --Auth:Mode=required, "
        + $"in one of the sections {string.Join(", ", DurqSettings.Sections)} (README.md, \"Configuration\"). "
        + "Settings given here win over appsettings.json and DURQ_ variables; any other word is refused.";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';'. Default {DurqWebApp.DefaultUrls}.",
        };
        var maxPending = new Option<long?>("--max-pending")
        {
            Description = "Most pending tasks per tenant before enqueue answers 429; 0 = no cap. Default 10000.",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = $"The console log: {LogFormat.Text} (readable, the default) or {LogFormat.Json} (one JSON object per line). Same as --{LogFormat.Key}=json.",
        };
        logFormat.AcceptOnlyFromAmong(LogFormat.Text, LogFormat.Json);
        var store = new StoreFlags();
        var settings = SettingsArgument();
        var command = new Command(Name, "Run the Durq server (SQLite in --data-dir, or PostgreSQL with --postgres).")
        {
            urls, store.DataDir, store.Postgres, maxPending, logFormat, settings,
        };
        command.SetAction(async result =>
        {
            var overrides = store.Read(result);
            StoreFlags.AddIfSet(overrides, "urls", result.GetValue(urls));
            StoreFlags.AddIfSet(overrides, LogFormat.Key, result.GetValue(logFormat));
            StoreFlags.AddIfSet(overrides, "Queue:MaxPending", result.GetValue(maxPending)?.ToString(CultureInfo.InvariantCulture));
            try
            {
                await using var app = DurqWebApp.Build(result.GetValue(settings) ?? [], overrides);
                if (!await StoreOpening.TryOpenAsync(app.Services.GetRequiredService<ITaskStore>, result, CancellationToken.None))
                {
                    return StoreOpening.Failed;
                }

                await DurqWebApp.RunAsync(app);
                return ClientAction.Succeeded;
            }
            catch (DurqStartupException refused)
            {
                // The message says what to set; a stack trace would only bury it.
                ClientAction.WriteError(refused.Message);
                Verbose.WriteDetails(result, refused.InnerException ?? refused);
                return ClientAction.Failed;
            }
        });
        return command;
    }

    /// <summary>
    /// The words no option of <c>serve</c> took: settings for the server in the one form it accepts
    /// (<see cref="ConfigurationOverrides"/>). Anything else — a mistyped option above all — is refused, as ASP.NET Core
    /// would take <c>--data-dirr x</c> for a setting of that name and start on the defaults without a word.
    /// </summary>
    private static Argument<string[]> SettingsArgument()
    {
        var settings = new Argument<string[]>(ConfigurationOverrides.Form)
        {
            Description = SettingsHelp,
            Arity = ArgumentArity.ZeroOrMore,
        };
        settings.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(token => token.Value))
            {
                var problem = ConfigurationOverrides.IsSetting(token, out var wrong) ? wrong : UnmatchedTokens.Describe(token, (CommandResult)result.Parent!);
                if (problem is not null)
                {
                    result.AddError(problem);
                    return;
                }
            }
        });
        return settings;
    }
}
