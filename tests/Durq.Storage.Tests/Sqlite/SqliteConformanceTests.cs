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

public sealed class SqliteClaimTests : ClaimTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteClaimConcurrencyTests : ClaimConcurrencyTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteLeaseFencingTests : LeaseFencingTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTaskHeartbeatTests : TaskHeartbeatTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteCompleteTests : CompleteTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteCompleteManyTests : CompleteManyTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteFailTests : FailTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteReclaimExpiredTests : ReclaimExpiredTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteDeadLetterTests : DeadLetterTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteWorkerRegistryTests : WorkerRegistryTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqlitePurgeTests : PurgeTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteStatsTests : StatsTests
{
    protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}
