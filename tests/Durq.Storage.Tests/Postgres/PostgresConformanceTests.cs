using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Postgres;

// The conformance suite, run against the scale-out PostgreSQL store (each test in a fresh schema).

public sealed class PostgresEnqueueAndGetTests : EnqueueAndGetTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTenantIsolationTests : TenantIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresIdempotencyTests : IdempotencyTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresQueueCapTests : QueueCapTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresCancelTests : CancelTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresListTests : ListTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresGroupCommitAndDurabilityTests : GroupCommitAndDurabilityTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresClaimTests : ClaimTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresClaimConcurrencyTests : ClaimConcurrencyTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresLeaseFencingTests : LeaseFencingTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTaskHeartbeatTests : TaskHeartbeatTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresCompleteTests : CompleteTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresCompleteManyTests : CompleteManyTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresFailTests : FailTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresReclaimExpiredTests : ReclaimExpiredTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresDeadLetterTests : DeadLetterTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresWorkerRegistryTests : WorkerRegistryTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresPurgeTests : PurgeTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresStatsTests : StatsTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresWorkerLimitsTests : WorkerLimitsTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTenantLeaseIsolationTests : TenantLeaseIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTenantDeadLetterIsolationTests : TenantDeadLetterIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTenantWorkerIsolationTests : TenantWorkerIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTenantRetentionIsolationTests : TenantRetentionIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresClaimHandOffTests : ClaimHandOffTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTenantWakeIsolationTests : TenantWakeIsolationTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresApiKeyStoreTests : ApiKeyStoreTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresFlowControlTests : FlowControlTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresHousekeepingTests : HousekeepingTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresExplainTests : ExplainTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresExpiryTests : ExpiryTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresScheduleTests : ScheduleTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTimeSeriesTests : TimeSeriesTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresWorkerSilenceTests : WorkerSilenceTests
{
    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}
