using System.CommandLine;
using Durq.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Durq.Cli.Commands;

/// <summary>The flags that choose the store, shared by <c>serve</c> and <c>migrate</c>.</summary>
internal sealed class StoreFlags
{
    public Option<string> DataDir { get; } = new("--data-dir")
    {
        Description = "Folder for the SQLite database (created if missing). Default ./durq-data.",
    };

    public Option<string> Postgres { get; } = new("--postgres")
    {
        Description = "A PostgreSQL connection string: run on that database instead of SQLite (also DURQ_Storage__Postgres).",
    };

    public Dictionary<string, string?> Read(ParseResult result)
    {
        var settings = new Dictionary<string, string?>();
        AddIfSet(settings, "Storage:DataDir", result.GetValue(DataDir));
        AddIfSet(settings, StoreRegistration.PostgresKey, result.GetValue(Postgres));
        return settings;
    }

    /// <summary>
    /// The configuration of a command that opens the store without a server (<c>migrate</c>, <c>keys</c>): <c>DURQ_</c>
    /// variables, then these flags, then <paramref name="fixedSettings"/>, the command's own.
    /// </summary>
    public IConfiguration Configuration(ParseResult result, Dictionary<string, string?>? fixedSettings = null) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DURQ_")
            .AddInMemoryCollection(Read(result))
            .AddInMemoryCollection(fixedSettings ?? [])
            .Build();

    public static void AddIfSet(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            settings[key] = value;
        }
    }
}
