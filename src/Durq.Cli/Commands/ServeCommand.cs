using System.CommandLine;
using System.Globalization;
using Durq.Core.Storage;
using Durq.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Cli.Commands;

/// <summary><c>durq serve</c>: runs a Durq node, on the embedded SQLite store or on a shared PostgreSQL database.</summary>
internal static class ServeCommand
{
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
        var store = new StoreFlags();
        var command = new Command("serve", "Run the Durq server (SQLite in --data-dir, or PostgreSQL with --postgres).")
        {
            urls, store.DataDir, store.Postgres, maxPending,
        };
        // Anything else (e.g. --Limits:MaxInputBytes=2048) is passed to the server's configuration.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async result =>
        {
            var overrides = store.Read(result);
            StoreFlags.AddIfSet(overrides, "urls", result.GetValue(urls));
            StoreFlags.AddIfSet(overrides, "Queue:MaxPending", result.GetValue(maxPending)?.ToString(CultureInfo.InvariantCulture));
            try
            {
                await using var app = DurqWebApp.Build([.. result.UnmatchedTokens], overrides);
                if (!await StoreOpening.TryOpenAsync(app.Services.GetRequiredService<ITaskStore>, CancellationToken.None))
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
                return ClientAction.Failed;
            }
        });
        return command;
    }
}
