using Durq.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Tests.Sqlite;

/// <summary>
/// The writer's session commits a batch of claims and heartbeats with <c>synchronous=NORMAL</c> and every other batch with
/// <c>FULL</c>, switching before the transaction begins (SQLite refuses the change inside one).
/// </summary>
public sealed class SqliteCommitDurabilityTests : IAsyncLifetime
{
    private readonly SqliteStoreHarness _harness = new();
    private SqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        await _harness.CloseAsync(await _harness.OpenAsync());
        _connection = new SqliteConnection($"Data Source={new SqliteStoreOptions { DataDir = _harness.DataDir }.DatabasePath}");
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_that_need_not_be_durable_runs_at_normal_and_the_next_durable_one_at_full()
    {
        var session = new SqliteWriteSession(_connection);

        var levels = new List<long>();
        foreach (var durable in new[] { true, false, false, true, false })
        {
            await session.BeginAsync(durable);
            levels.Add(Synchronous(session.Transaction));
            await session.EndBatchAsync();
        }

        // 2 = FULL (the WAL is synced at each commit), 1 = NORMAL (synced at the next FULL commit or checkpoint).
        Assert.Equal([2L, 1L, 1L, 2L, 1L], levels);
    }

    private long Synchronous(SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA synchronous";
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
