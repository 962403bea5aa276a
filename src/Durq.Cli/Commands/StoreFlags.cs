using System.CommandLine;
using Durq.Server.Hosting;

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

    public static void AddIfSet(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            settings[key] = value;
        }
    }
}
