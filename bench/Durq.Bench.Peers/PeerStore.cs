using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Npgsql;

namespace Durq.Bench.Peers;

/// <summary>
/// Gives each workload a Hangfire storage of its own (a SQLite file or a PostgreSQL schema), so no workload inherits
/// another's queued or finished jobs; with the fresh folder and database bench/peers.sh makes, each starts empty, as
/// each Durq benchmark run starts on an empty store.
/// </summary>
internal sealed class PeerStore(string kind, string? dataDir, string? postgres)
{
    public string Kind => kind;

    public JobStorage Create(string workload) => kind switch
    {
        "sqlite" => CreateSqlite(workload),
        "postgres" => CreatePostgres(workload),
        _ => throw new ArgumentException($"unknown store '{kind}': use sqlite or postgres"),
    };

    /// <summary>
    /// Hangfire.Storage.SQLite 0.4.3 opens a file per path with sqlite-net and, on every pooled connection, runs
    /// <c>PRAGMA journal_mode</c> from <see cref="SQLiteStorageOptions.JournalMode"/> (default WAL). It has no
    /// option for <c>synchronous</c>, so SQLite's compiled default applies; <see cref="Describe"/> reads both back from
    /// a live connection so the report says what the run really used rather than what we assume.
    /// </summary>
    private SQLiteStorage CreateSqlite(string workload)
    {
        var dir = dataDir ?? throw new ArgumentException("--data-dir is required with --store sqlite");
        Directory.CreateDirectory(dir);
        return new SQLiteStorage(Path.Combine(dir, $"hangfire-{workload}.db"), new SQLiteStorageOptions());
    }

    /// <summary>Default options: the server's own settings (synchronous_commit on) decide durability.</summary>
    private PostgreSqlStorage CreatePostgres(string workload)
    {
        var connectionString = postgres ?? throw new ArgumentException("--postgres is required with --store postgres");
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire_" + workload.Replace('-', '_') };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>The durability settings in force, read from the store itself.</summary>
    public string Describe(JobStorage storage)
    {
        switch (storage)
        {
            case SQLiteStorage sqlite:
                using (var context = sqlite.CreateAndOpenConnection())
                {
                    var db = context.Database;
                    var synchronous = db.ExecuteScalar<int>("PRAGMA synchronous") switch
                    {
                        0 => "OFF",
                        1 => "NORMAL",
                        2 => "FULL",
                        3 => "EXTRA",
                        var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    };
                    return $"SQLite {db.ExecuteScalar<string>("SELECT sqlite_version()")}, " +
                        $"journal_mode={db.ExecuteScalar<string>("PRAGMA journal_mode")}, synchronous={synchronous}";
                }

            case PostgreSqlStorage:
                using (var connection = new NpgsqlConnection(postgres))
                using (var command = connection.CreateCommand())
                {
                    connection.Open();
                    command.CommandText = "SELECT current_setting('server_version') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync')";
                    return "PostgreSQL " + command.ExecuteScalar();
                }

            default:
                return storage.ToString() ?? "?";
        }
    }
}
