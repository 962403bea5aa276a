using Npgsql;

namespace Durq.Bench.Stores;

/// <summary>
/// PostgreSQL: each workload gets the database <c>database</c>, dropped and created again through the admin
/// connection; the Hangfire peer gets <c>database_peers</c>. Both are dropped when done.
/// </summary>
internal sealed class PostgresBenchStore(string adminConnectionString, string database) : IBenchStore
{
    public string Kind => "postgres";

    /// <summary>The connection string <c>durq serve --postgres</c> gets.</summary>
    public string ServerConnectionString => ConnectionString(database);

    public async Task<string> DescribeAsync()
    {
        await using var connection = await OpenAsync(adminConnectionString);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync')",
            connection);
        return "PostgreSQL " + await command.ExecuteScalarAsync();
    }

    public async Task<string[]> CreateFreshAsync(string workDir)
    {
        await RecreateAsync(database);
        return ["--postgres", ServerConnectionString];
    }

    public Task SeedCompletedTasksAsync(string workDir, int count) =>
        PostgresHistorySeeder.SeedAsync(ServerConnectionString, count);

    public Task DropAsync(string workDir) => DropDatabaseAsync(database);

    public async Task<string[]> CreatePeerStoreAsync(string workDir)
    {
        await RecreateAsync(PeerDatabase);
        return ["--postgres", ConnectionString(PeerDatabase)];
    }

    public Task DropPeerStoreAsync(string workDir) => DropDatabaseAsync(PeerDatabase);

    /// <summary>Opens a connection that is closed for real when disposed, so no idle pooled one holds a database.</summary>
    internal static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private string PeerDatabase => database + "_peers";

    private string ConnectionString(string name) => new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();

    private async Task RecreateAsync(string name)
    {
        await DropDatabaseAsync(name);
        await AdminAsync($"CREATE DATABASE {Quoted(name)}");
    }

    /// <summary>
    /// FORCE (PostgreSQL 13+) ends the sessions a stopped server or a killed run may have left behind. A role that is not a
    /// superuser may not end an autovacuum worker, which a drain of 200,000 tasks sets going on the database it leaves:
    /// FORCE then refuses (42501), and a plain drop, which tells autovacuum to stop and waits for it, is tried instead.
    /// </summary>
    private async Task DropDatabaseAsync(string name)
    {
        try
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {Quoted(name)} WITH (FORCE)");
        }
        catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {Quoted(name)}");
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = await OpenAsync(adminConnectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
