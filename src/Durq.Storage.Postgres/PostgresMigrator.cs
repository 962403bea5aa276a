using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// Applies the numbered migrations in <c>Migrations/</c> that the database has not seen, each in its own transaction,
/// under an advisory lock so that nodes starting at once apply each migration exactly once.
/// </summary>
internal static class PostgresMigrator
{
    public static async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // A session lock: released by the unlock below, or by the server if this connection dies half-way.
        await ExecuteAsync(connection, SqlText.Query("LockMigrations"), cancellationToken);
        try
        {
            await ExecuteAsync(connection, SqlText.Query("CreateMigrationsTable"), cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            foreach (var (version, name, sql) in SqlText.Migrations().Where(m => !applied.Contains(m.Version)))
            {
                await ApplyAsync(connection, version, name, sql, cancellationToken);
            }
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, SqlText.Query("UnlockMigrations"), CancellationToken.None);
            }
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, int version, string name, string sql, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var migrate = new NpgsqlCommand(sql, connection, transaction))
        {
            await migrate.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand(SqlText.Query("RecordMigration"), connection, transaction))
        {
            await record.With("version", version).With("name", name).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SqlText.Query("AppliedMigrations"), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
