using Durq.Core.Storage;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Everything the conformance suite needs to know about one kind of store, and the only store-specific code it uses.
/// Each harness owns a fresh, empty database; disposing it closes every store it opened and deletes that database.
/// </summary>
internal interface IStoreHarness : IAsyncDisposable
{
    /// <summary>Opens a migrated store on this harness's database. After <see cref="CloseAsync"/>, it opens the same data, as a restart would.</summary>
    Task<ITaskStore> OpenAsync();

    /// <summary>Closes a store opened by <see cref="OpenAsync"/> and releases its connections.</summary>
    Task CloseAsync(ITaskStore store);
}
