using Durq.Core.Validation;

namespace Durq.Server.Hosting;

/// <summary>The <c>Queue</c> configuration section.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Most pending tasks per tenant (delayed and backing-off ones included); 0 means no cap. Default 10000.</summary>
    public long MaxPending { get; set; } = 10_000;
}

/// <summary>The <c>Limits</c> configuration section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body in bytes. Default 2 MiB.</summary>
    public int MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest task <c>input</c> in bytes of UTF-8 JSON. Default 1 MiB.</summary>
    public int MaxInputBytes { get; set; } = EnqueueLimits.DefaultMaxInputBytes;
}
