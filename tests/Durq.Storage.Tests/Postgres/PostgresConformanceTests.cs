using Durq.Storage.Tests.Conformance;

namespace Durq.Storage.Tests.Postgres;

// The conformance suite, run against the scale-out PostgreSQL store (each test in a fresh schema).

public sealed class PostgresEnqueueAndGetTests : EnqueueAndGetTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTenantIsolationTests : TenantIsolationTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresIdempotencyTests : IdempotencyTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresQueueCapTests : QueueCapTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresCancelTests : CancelTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresListTests : ListTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresGroupCommitAndDurabilityTests : GroupCommitAndDurabilityTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresClaimTests : ClaimTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresClaimConcurrencyTests : ClaimConcurrencyTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresLeaseFencingTests : LeaseFencingTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresTaskHeartbeatTests : TaskHeartbeatTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresCompleteTests : CompleteTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresCompleteManyTests : CompleteManyTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresFailTests : FailTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresReclaimExpiredTests : ReclaimExpiredTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresDeadLetterTests : DeadLetterTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresWorkerRegistryTests : WorkerRegistryTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresPurgeTests : PurgeTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}

public sealed class PostgresStatsTests : StatsTests
{
    protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();
}
