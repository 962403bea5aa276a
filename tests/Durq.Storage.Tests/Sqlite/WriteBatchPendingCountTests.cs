using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Sqlite;
using Durq.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Tests.Sqlite;

/// <summary>
/// The SQLite writer keeps each tenant's pending count in memory for the length of one group-commit batch.
/// These tests run writes the way one batch does (one transaction, one <see cref="WriteContext"/>) so the order of
/// commands inside a batch, which concurrent callers cannot choose, is fixed and the count can be checked after each.
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
    public void Pending_count_matches_the_table_after_a_cancel_opens_the_batch()
    {
        var tasks = Commit(Enqueue(maxPending: 0, count: 2));
        using var batch = Batch();

        Execute(new CancelTaskCommand(new CancelTaskParams(Tenant, tasks[0].Id, Now)), batch.Context);

        Assert.Equal(CountPendingInTable(batch.Transaction), batch.Context.PendingCount(Tenant));
    }

    [Fact]
    public void Pending_count_matches_the_table_after_an_uncapped_enqueue_opens_the_batch()
    {
        using var batch = Batch();

        Execute(Enqueue(maxPending: 0, count: 1).Command, batch.Context);

        Assert.Equal(CountPendingInTable(batch.Transaction), batch.Context.PendingCount(Tenant));
    }

    private static (EnqueueCommand Command, NewTask[] Tasks) Enqueue(long maxPending, int count)
    {
        NewTask[] tasks = [.. Enumerable.Range(0, count).Select(_ => new NewTask(Guid.CreateVersion7(Now), "email.send", "{}", Options, null))];
        return (new EnqueueCommand(new EnqueueParams(Tenant, tasks, null, maxPending, Now)), tasks);
    }

    private static void Execute(WriteCommand command, WriteContext context) => command.Execute(context);

    /// <summary>Runs an enqueue in a batch of its own and commits it.</summary>
    private NewTask[] Commit((EnqueueCommand Command, NewTask[] Tasks) enqueue)
    {
        using var batch = Batch();
        Execute(enqueue.Command, batch.Context);
        batch.Transaction.Commit();
        return enqueue.Tasks;
    }

    private WriteBatch Batch() => new(_connection ?? throw new InvalidOperationException("Not initialized."));

    private long CountPendingInTable(SqliteTransaction transaction)
    {
        using var command = _connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM durq_tasks WHERE tenant = $tenant AND status = 'pending'";
        command.Parameters.AddWithValue("$tenant", Tenant);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>One transaction and the context the writer gives every command of a batch.</summary>
    private sealed class WriteBatch : IDisposable
    {
        public WriteBatch(SqliteConnection connection)
        {
            Transaction = connection.BeginTransaction();
            Context = new WriteContext(connection);
            Context.Begin(Transaction);
        }

        public SqliteTransaction Transaction { get; }

        public WriteContext Context { get; }

        public void Dispose()
        {
            Context.Dispose();
            Transaction.Dispose();
        }
    }
}
