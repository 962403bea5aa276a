using Durq.Core.Storage;
using Durq.Storage.Sqlite;
using Durq.Storage.Tests.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durq.Storage.Tests.Sqlite;

/// <summary>SQLite stores on a fresh temporary data folder, deleted when the harness is disposed.</summary>
internal sealed class SqliteStoreHarness : IStoreHarness
{
    private readonly List<SqliteTaskStore> _open = [];
    private readonly TempDir _dataDir = new();

    public string DataDir => _dataDir.Path;

    public async Task<ITaskStore> OpenAsync()
    {
        var store = new SqliteTaskStore(new SqliteStoreOptions { DataDir = DataDir }, NullLogger<SqliteTaskStore>.Instance);
        _open.Add(store);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public async Task CloseAsync(ITaskStore store)
    {
        var sqlite = (SqliteTaskStore)store;
        _open.Remove(sqlite);
        await sqlite.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        _open.Clear();
        _dataDir.Dispose();
    }
}
