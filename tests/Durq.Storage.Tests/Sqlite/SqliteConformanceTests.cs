using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Sqlite;

// The conformance suite, run against the embedded SQLite store.

public sealed class SqliteEnqueueAndGetTests : EnqueueAndGetTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTenantIsolationTests : TenantIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteIdempotencyTests : IdempotencyTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteQueueCapTests : QueueCapTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteCancelTests : CancelTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteListTests : ListTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteGroupCommitAndDurabilityTests : GroupCommitAndDurabilityTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteClaimTests : ClaimTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteClaimConcurrencyTests : ClaimConcurrencyTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteLeaseFencingTests : LeaseFencingTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTaskHeartbeatTests : TaskHeartbeatTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteCompleteTests : CompleteTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteCompleteManyTests : CompleteManyTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteFailTests : FailTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteReclaimExpiredTests : ReclaimExpiredTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteDeadLetterTests : DeadLetterTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteWorkerRegistryTests : WorkerRegistryTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqlitePurgeTests : PurgeTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteStatsTests : StatsTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteWorkerLimitsTests : WorkerLimitsTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTenantLeaseIsolationTests : TenantLeaseIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTenantDeadLetterIsolationTests : TenantDeadLetterIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTenantWorkerIsolationTests : TenantWorkerIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTenantRetentionIsolationTests : TenantRetentionIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteClaimHandOffTests : ClaimHandOffTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTenantWakeIsolationTests : TenantWakeIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteApiKeyStoreTests : ApiKeyStoreTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteFlowControlTests : FlowControlTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteHousekeepingTests : HousekeepingTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteExplainTests : ExplainTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteExpiryTests : ExpiryTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteScheduleTests : ScheduleTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteTimeSeriesTests : TimeSeriesTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}

public sealed class SqliteWorkerSilenceTests : WorkerSilenceTests
{
    private protected override IStoreHarness CreateHarness() => new SqliteStoreHarness();
}
