using Durq.Core.Validation;

namespace Durq.Server.Hosting;

/// <summary>The <c>Queue</c> configuration section.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Most pending tasks per tenant (delayed and backing-off ones included); 0 means no cap. Default 10000.</summary>
    public long MaxPending { get; set; } = 10_000;

    /// <summary>Settings of single tenants that differ from the defaults above (<c>Queue:Tenants:&lt;tenant&gt;:MaxPending</c>).</summary>
    public Dictionary<string, TenantQueueOptions> Tenants { get; } = new(StringComparer.Ordinal);

    /// <summary>The cap on the tenant's pending tasks: its own setting if it has one, else <see cref="MaxPending"/>.</summary>
    public long MaxPendingFor(string tenant) =>
        Tenants.TryGetValue(tenant, out var own) && own.MaxPending is { } cap ? cap : MaxPending;
}

/// <summary>One tenant's own queue settings, under <c>Queue:Tenants:&lt;tenant&gt;</c>.</summary>
public sealed class TenantQueueOptions
{
    /// <summary>Most pending tasks of this tenant; 0 means no cap. Unset: <see cref="QueueOptions.MaxPending"/>.</summary>
    public long? MaxPending { get; set; }
}

/// <summary>The <c>Limits</c> configuration section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body in bytes. Default 2 MiB.</summary>
    public int MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest task <c>input</c> in bytes of UTF-8 JSON. Default 1 MiB.</summary>
    public int MaxInputBytes { get; set; } = EnqueueLimits.DefaultMaxInputBytes;

    /// <summary>Most requests per second one API key (or the keyless loopback caller) may make; 0 = no limit. Default 0.</summary>
    public int RequestsPerSecondPerKey { get; set; }
}

/// <summary>The <c>Workers</c> configuration section.</summary>
public sealed class WorkersOptions
{
    public const string Section = "Workers";

    /// <summary>How often a waiting claim looks for work when no signal woke it: the safety net. Default 1000 ms.</summary>
    public int ClaimPollIntervalMs { get; set; } = 1000;

    /// <summary>How often the reaper looks for expired leases and timed-out runs. Default 250 ms.</summary>
    public int ReaperIntervalMs { get; set; } = 250;

    /// <summary>Largest task <c>result</c> or heartbeat <c>details</c>, as UTF-8 JSON. Default 1 MiB.</summary>
    public int MaxResultBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Most registered workers per tenant; 0 means no cap. Default 1000. At the cap a new worker id takes the place of
    /// the tenant's stopped workers (silent 60 s) or, with none, is refused with 429 <c>worker_limit_reached</c>; an id
    /// already registered may always register again. It keeps the worker list and <c>/health</c> small under abuse.
    /// </summary>
    public int MaxPerTenant { get; set; } = 1000;
}

/// <summary>The <c>Retention</c> configuration section: how long finished work is kept before it is deleted.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Completed and cancelled tasks. Default 7 days.</summary>
    public TimeSpan FinishedTasks { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Dead tasks (the dead-letter queue). Default 30 days.</summary>
    public TimeSpan DeadTasks { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Idempotency keys. Default 24 hours.</summary>
    public TimeSpan IdempotencyKeys { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Workers silent this long are removed from the worker list. Default 24 hours.</summary>
    public TimeSpan StoppedWorkers { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Rows deleted per write, so the writer is never held for long. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often retention runs. Default 1 minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
