using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Sqlite;

// The conformance suite, run against the embedded SQLite store.

public sealed class SqliteEnqueueAndGetTests : EnqueueAndGetTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTenantIsolationTests : TenantIsolationTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteIdempotencyTests : IdempotencyTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteQueueCapTests : QueueCapTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteCancelTests : CancelTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteListTests : ListTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteGroupCommitAndDurabilityTests : GroupCommitAndDurabilityTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}
