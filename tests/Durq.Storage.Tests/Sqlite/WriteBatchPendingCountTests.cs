using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Sqlite;
using Durq.Storage.Writes;
using Durq.Storage.Writing;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Tests.Sqlite;

/// <summary>
/// The SQLite writer keeps each tenant's pending count in memory, read on first need within a batch.
/// These tests run writes the way one batch does (one transaction, one <see cref="WriteContext"/>) so the order of
/// writes inside a batch, which concurrent callers cannot choose, is fixed and the count can be checked after each.
/// </summary>
public sealed class WriteBatchPendingCountTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private static readonly DateTimeOffset Now = Rfc3339.ToStoredPrecision(new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero));
    private static readonly TaskOptions Options = new(5, 0, 0, Now, 300, 30, RetryPolicy.Default);

    private readonly SqliteStoreHarness _harness = new();
    private SqliteConnection? _connection;

    public async Task InitializeAsync()
    {
        // Creates the schema, then leaves the database to this test's own connection.
        await _harness.CloseAsync(await _harness.OpenAsync());
        _connection = new SqliteConnection($"Data Source={new SqliteStoreOptions { DataDir = _harness.DataDir }.DatabasePath}");
        _connection.Open();
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Pending_count_matches_the_table_after_a_cancel_opens_the_batch()
    {
        var tasks = await CommitAsync(Enqueue(maxPending: 0, count: 2));
        await using var batch = await BatchAsync();

        await ExecuteAsync(new CancelTaskWrite(new CancelTaskParams(Tenant, tasks[0].Id, Now), default), batch.Context);

        Assert.Equal(CountPendingInTable(batch.Transaction), await batch.Context.PendingCountAsync(Tenant));
    }

    [Fact]
    public async Task Pending_count_matches_the_table_after_an_uncapped_enqueue_opens_the_batch()
    {
        await using var batch = await BatchAsync();

        await ExecuteAsync(Enqueue(maxPending: 0, count: 1).Write, batch.Context);

        Assert.Equal(CountPendingInTable(batch.Transaction), await batch.Context.PendingCountAsync(Tenant));
    }

    private static (EnqueueWrite Write, NewTask[] Tasks) Enqueue(long maxPending, int count)
    {
        NewTask[] tasks = [.. Enumerable.Range(0, count).Select(_ => new NewTask(Guid.CreateVersion7(Now), "email.send", "{}", Options, null))];
        return (new EnqueueWrite(new EnqueueParams(Tenant, tasks, null, maxPending, Now), default), tasks);
    }

    /// <summary>Runs a write as the writer does: its changes join the batch's once it has run.</summary>
    private static async Task ExecuteAsync(Write write, WriteContext context)
    {
        context.BeginWrite();
        await write.ExecuteAsync(context);
        context.KeepWrite();
    }

    /// <summary>Runs an enqueue in a batch of its own and commits it.</summary>
    private async Task<NewTask[]> CommitAsync((EnqueueWrite Write, NewTask[] Tasks) enqueue)
    {
        await using var batch = await BatchAsync();
        await ExecuteAsync(enqueue.Write, batch.Context);
        await batch.Session.CommitAsync(batch.Context.Changes);
        return enqueue.Tasks;
    }

    private async Task<WriteBatch> BatchAsync()
    {
        var batch = new WriteBatch(_connection ?? throw new InvalidOperationException("Not initialized."));
        await batch.Session.BeginAsync(durable: true);
        batch.Context.Begin(batch.Session);
        await batch.Context.CountAsync([Tenant]);
        return batch;
    }

    private long CountPendingInTable(SqliteTransaction transaction)
    {
        using var command = _connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM durq_tasks WHERE tenant = $tenant AND status = 'pending'";
        command.Parameters.AddWithValue("$tenant", Tenant);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The writer's session on the test's connection, and the context the writer gives every write of a batch.</summary>
    private sealed class WriteBatch(SqliteConnection connection) : IAsyncDisposable
    {
        public SqliteWriteSession Session { get; } = new(connection);

        public WriteContext Context { get; } = new();

        public SqliteTransaction Transaction => Session.Transaction;

        /// <summary>Rolls back what was not committed; the connection stays the test's.</summary>
        public ValueTask DisposeAsync() => Session.EndBatchAsync();
    }
}
