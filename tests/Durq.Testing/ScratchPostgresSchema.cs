using Npgsql;

namespace Durq.Testing;

/// <summary>
/// A fresh schema of the test database (<c>DURQ_TEST_POSTGRES</c>) for one node or one test, dropped on disposal: a
/// Durq node given <see cref="ConnectionString"/> as <c>Storage:Postgres</c> keeps all its tables there.
/// </summary>
public sealed class ScratchPostgresSchema : IAsyncDisposable
{
    public const string ConnectionVariable = "DURQ_TEST_POSTGRES";

    private ScratchPostgresSchema(string baseConnectionString, string schema)
    {
        BaseConnectionString = baseConnectionString;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnectionString) { SearchPath = schema, ApplicationName = schema }.ConnectionString;
    }

    public string BaseConnectionString { get; }

    public string Schema { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchPostgresSchema> CreateAsync()
    {
        var baseConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The PostgreSQL tests need a database: set {ConnectionVariable}, or run ./test.sh which starts PostgreSQL.");
        var schema = new ScratchPostgresSchema(baseConnectionString, "durq_t_" + Guid.NewGuid().ToString("N"));
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Schema}");
        return schema;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
