using System.CommandLine;
using System.Globalization;
using Durq.Server.Hosting;

namespace Durq.Cli;

/// <summary><c>durq serve</c>: runs a Durq node on the embedded SQLite store.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';'. Default {DurqWebApp.DefaultUrls}.",
        };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Folder for the SQLite database (created if missing). Default ./durq-data.",
        };
        var maxPending = new Option<long?>("--max-pending")
        {
            Description = "Most pending tasks per tenant before enqueue answers 429; 0 = no cap. Default 10000.",
        };
        var command = new Command("serve", "Run the Durq server on the embedded SQLite store.") { urls, dataDir, maxPending };
        // Anything else (e.g. --Limits:MaxInputBytes=2048) is passed to the server's configuration.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async result =>
        {
            var overrides = new Dictionary<string, string?>();
            AddIfSet(overrides, "urls", result.GetValue(urls));
            AddIfSet(overrides, "Storage:DataDir", result.GetValue(dataDir));
            AddIfSet(overrides, "Queue:MaxPending", result.GetValue(maxPending)?.ToString(CultureInfo.InvariantCulture));
            await using var app = DurqWebApp.Build([.. result.UnmatchedTokens], overrides);
            await app.RunAsync();
            return 0;
        });
        return command;
    }

    private static void AddIfSet(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            settings[key] = value;
        }
    }
}
